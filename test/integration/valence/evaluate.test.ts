/**
 * End to end on a 3-movie × 20 s project with synthetic descriptors in the store: the Table II grid
 * (two models × two event settings), Table I, Fig. 2, t-tests and the three report files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initBackend } from '../../../src-main/ml/backend.js';
import { standaloneContext } from '../../../src-main/util/task-context.js';
import { evaluateProject } from '../../../src-main/analysis/valence/evaluate-project.js';
import { writeReport } from '../../../src-main/valence/report/write-report.js';
import { tempDir } from '../../helpers/media.js';
import { syntheticProject } from '../../helpers/valence/synthetic-store.js';

await initBackend();

const tiny = { reduction: 16, hidden: 16, attentionDims: 16, heads: 2, ffnDims: 32, tokens: 4, window: 3, lstmUnits: 16, dropout: 0 };
const training = { learningRate: 0.005, decay: 0.005, batchSize: 32, maxEpochs: 4, patience: 2, seed: 1 };

test('evaluate runs the grid and writes JSON, CSV and a self-contained HTML page', async () => {
  const dir = tempDir('vs-valence-eval-');
  const project = syntheticProject(dir);
  try {
    const report = await evaluateProject(
      project,
      { models: ['dnn', 'fea-tf-scma'], events: ['none', 'nonverbal'], semantics: 'events', stride: 5, testStride: 1, training, model: tiny },
      standaloneContext(),
    );
    assert.deepEqual(report.settings.av, ['audio']);
    assert.equal(report.cells.length, 4);
    const skipped = report.cells.find((c) => c.model === 'fea-tf-scma' && c.events === 'none')!;
    assert.equal(skipped.acc, null);
    assert.match(skipped.skipped!, /needs sound semantics/);
    for (const c of report.cells.filter((x) => !x.skipped)) {
      assert.equal(c.folds.length, 3);
      for (const f of c.folds) {
        assert.equal(f.confusion.length, 7);
        assert.equal(f.confusion.flat().reduce((a, b) => a + b, 0), 500, 'every frame of the test movie scored');
        assert.ok(f.acc >= 0 && f.acc <= f.acc1 && f.acc1 <= 1);
      }
      assert.ok(Math.abs(c.acc! - c.folds.reduce((s, f) => s + f.acc, 0) / 3) < 1e-12);
    }
    const crying = report.tableOne.find((r) => r.label === 'crying')!;
    assert.ok(crying.instances > 0 && crying.meanValence! < -0.8);
    assert.equal(report.tableOne.find((r) => r.label === 'singing')!.instances, 0);
    assert.ok(report.figTwo.find((r) => r.label === 'laughter')!.correct['dnn/nonverbal'] >= 0);
    assert.ok(report.significance.some((s) => s.a === 'fea-tf-scma/nonverbal' && s.b === 'dnn/nonverbal'));

    const files = writeReport(dir, report);
    const json = JSON.parse(readFileSync(files[0], 'utf8'));
    assert.ok(Array.isArray(json), 'report.json is one object per cell');
    for (const c of json) {
      for (const key of ['model', 'events', 'acc', 'acc1', 'folds']) assert.ok(key in c, `cell has ${key}`);
      for (const f of c.folds) for (const key of ['movie', 'acc', 'acc1', 'confusion']) assert.ok(key in f, `fold has ${key}`);
    }
    const csv = readFileSync(files[1], 'utf8').trim().split('\n');
    assert.equal(csv[0].split(',').slice(0, 6).join(','), 'model,events,fold,movie,acc,acc1');
    assert.equal(csv.length, 1 + 3 * 3 + 4, "header, a line per fold of the 3 runnable cells, a mean line per cell");
    const html = readFileSync(files[2], 'utf8');
    assert.match(html, /<svg/);
    assert.match(html, /Table II/);
    assert.doesNotMatch(html, /(src|href)=["']?https?:/, 'no remote assets');
    assert.doesNotMatch(html, /<script/);
  } finally {
    project.close();
  }
});

test('evaluate names the movie and the missing descriptor kinds', async () => {
  const dir = tempDir('vs-valence-eval-');
  const project = syntheticProject(dir, { movies: 2, seconds: 4 });
  try {
    await assert.rejects(
      evaluateProject(project, { models: ['dnn'], events: ['verbal'], semantics: 'sed', stride: 5, testStride: 1, training, model: tiny }, standaloneContext()),
      /movie 1 \(movie-0\) lacks sed\.verbal; movie 2 \(movie-1\) lacks sed\.verbal/,
    );
    const asked: string[] = [];
    await assert.rejects(
      evaluateProject(
        project,
        { models: ['dnn'], events: ['verbal'], semantics: 'sed', stride: 5, testStride: 1, training, model: tiny, ensureDescriptors: async (_p, id, kinds) => void asked.push(`${id}:${kinds}`) },
        standaloneContext(),
      ),
      /descriptors missing, compute them first: movie 1 \(movie-0\) lacks sed\.verbal/,
    );
    assert.deepEqual(asked, ['1:sed.verbal', '2:sed.verbal']);
  } finally {
    project.close();
  }
});

test('folds on worker threads give the same numbers as in one thread', async () => {
  const project = syntheticProject(tempDir('vs-valence-workers-'), { movies: 3, seconds: 8 });
  try {
    const options = { models: ['fea-tf' as const, 'lstm' as const], events: ['nonverbal' as const], semantics: 'events' as const, stride: 5, testStride: 1, training: { ...training, maxEpochs: 2 }, model: tiny };
    const one = await evaluateProject(project, options, standaloneContext());
    let last = 0;
    const two = await evaluateProject(project, { ...options, workers: 2 }, standaloneContext((f) => (last = f)));
    assert.deepEqual(
      two.cells.map((c) => c.folds.map((f) => f.confusion)),
      one.cells.map((c) => c.folds.map((f) => f.confusion)),
    );
    assert.equal(last, 1);

    const stop = new AbortController();
    await assert.rejects(
      evaluateProject(project, { ...options, workers: 2 }, standaloneContext((f) => f > 0 && stop.abort(), stop.signal)),
      /cancelled/,
      'cancelling stops the workers',
    );
  } finally {
    project.close();
  }
});
