/**
 * The research side of the API on real jobs: project settings (a backbone file that is not a model is
 * refused and nothing changes), training a valence model, the Table II evaluation stored as a report
 * with its HTML page, and retraining a detector from corrected events, which the next Analyze uses
 * (and which flags the valence model trained on the old detector's output).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { descriptorsByAnalysis } from '../../src-main/analysis/ensure-descriptors.js';
import { projectAnalyzeDeps } from '../../src-main/analysis/project-deps.js';
import { loadProjectDetector, projectDetectors } from '../../src-main/analysis/project-models.js';
import { standaloneContext } from '../../src-main/util/task-context.js';
import { ApiService } from '../../src-main/api/service.js';
import type { Job } from '../../src-main/contract/jobs.js';
import { Project } from '../../src-main/store/project.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';
import { availableParallelism } from 'node:os';

async function finished(api: ApiService, job: Job): Promise<Job> {
  await api.jobs.whenIdle();
  return api.project.jobs.get(job.id);
}

test('settings: the bundled backbone by default; a file that is not a model is refused and nothing changes', async () => {
  const dir = tempDir();
  const api = new ApiService(Project.open(join(dir, 's.vsproj')));
  try {
    assert.deepEqual(await api.call('settings.get', {}), { visualBackbone: { type: 'bundled' }, visualRate: 1, threads: null, cores: availableParallelism() });
    const fake = join(dir, 'resnet50.onnx');
    writeFileSync(fake, 'not a model');
    await assert.rejects(api.call('settings.update', { visualBackbone: { type: 'onnx', path: fake } }), /resnet50\.onnx/);
    await assert.rejects(api.call('settings.update', { visualBackbone: { type: 'onnx', path: join(dir, 'missing.onnx') } }), /missing\.onnx/);
    await assert.rejects(api.call('settings.update', { visualBackbone: { type: 'onnx' } } as never), /path/);
    assert.deepEqual(await api.call('settings.get', {}), { visualBackbone: { type: 'bundled' }, visualRate: 1, threads: null, cores: availableParallelism() });
    await assert.rejects(api.call('settings.update', { visualRate: 0 }), /visualRate/);
    assert.deepEqual(await api.call('settings.update', { visualRate: 2 }), { visualBackbone: { type: 'bundled' }, visualRate: 2, threads: null, cores: availableParallelism() });
    const reopened = Project.open(join(dir, 's.vsproj'));
    assert.equal(reopened.settings.get().visualRate, 2, 'kept in the project file');
    reopened.close();
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('valence: train a model and run the evaluation grid as jobs; the report is kept in the project', async () => {
  const dir = tempDir();
  const api = new ApiService(syntheticProject(dir));
  const changed: string[] = [];
  api.on('project.changed', ({ what }) => changed.push(what));
  try {
    const trained = await finished(api, await api.call('valence.train', { architecture: 'dnn', events: 'nonverbal', semantics: 'events', maxEpochs: 3 }));
    assert.equal(trained.state, 'done', trained.message);
    const models = await api.call('models.list', {});
    assert.equal(models.length, 1);
    assert.match(models[0].summary, /Acc/);

    const job = await finished(api, await api.call('valence.evaluate', { models: ['dnn', 'fea-tf-scma'], events: ['none', 'nonverbal'], semantics: 'events', maxEpochs: 3 }));
    assert.equal(job.state, 'done', job.message);
    const { reportId } = job.result as { reportId: number };
    const [info] = await api.call('reports.list', {});
    assert.equal(info.id, reportId);
    assert.match(info.title, /3 cells, 3 movies, annotated events/);
    const report = await api.call('reports.get', { reportId });
    assert.match(report.html, /Table II/);
    assert.match(report.html, /<svg/);
    const cells = (report.body as { cells: { model: string; events: string; acc: number | null; folds: unknown[] }[] }).cells;
    assert.equal(cells.filter((c) => c.acc !== null && c.folds.length === 3).length, 3);
    assert.deepEqual(changed, ['models', 'reports']);

    await api.call('reports.delete', { reportId });
    assert.deepEqual(await api.call('reports.list', {}), []);
    await assert.rejects(api.call('reports.get', { reportId }), /no report/);
    await assert.rejects(api.call('valence.evaluate', { models: ['gpt'] } as never), /models/);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('a running evaluation can be cancelled and leaves no report', async () => {
  const dir = tempDir();
  const api = new ApiService(syntheticProject(dir));
  try {
    const job = await api.call('valence.evaluate', { semantics: 'events', maxEpochs: 1000 });
    const running = new Promise<void>((resolve) => api.on('job.updated', (j) => j.id === job.id && j.progress > 0 && resolve()));
    await running;
    api.call('jobs.cancel', { jobId: job.id });
    const done = await finished(api, job);
    assert.equal(done.state, 'cancelled');
    assert.deepEqual(await api.call('reports.list', {}), []);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('detectors: retraining needs curated events, then fine-tunes from them and Analyze loads the result', async () => {
  const dir = tempDir();
  const api = new ApiService(Project.open(join(dir, 'd.vsproj')));
  try {
    const p = api.project;
    for (const [name, seconds] of [['a.mp4', 12], ['b.mp4', 13]] as const) {
      const imported = await finished(api, await api.call('movies.import', { path: makeClip(dir, { seconds, name }) }));
      assert.equal(imported.state, 'done', imported.message);
    }
    const [first] = p.movies.list();
    const analysed = await finished(api, await api.call('movies.analyze', { movieId: first.id }));
    assert.equal(analysed.state, 'done', analysed.message);
    const setsBefore = new Map(p.descriptors.list(first.id).map((d) => [d.kind, d.id]));
    const none = await finished(api, await api.call('sed.train', { groups: ['nonverbal'] }));
    assert.equal(none.state, 'failed');
    assert.match(none.message, /no movie has human-made or imported nonverbal events/);

    for (const m of p.movies.list()) {
      for (const s of [1, 5, 9]) await api.call('events.create', { movieId: m.id, label: 'laughter', onset: s, offset: s + 1.5 });
    }
    // The retrained head is scored against the one it started from on the held-out film; stored even if worse here.
    const job = await finished(api, await api.call('sed.train', { groups: ['nonverbal'], maxEpochs: 1, keepWorse: true }));
    assert.equal(job.state, 'done', job.message);
    type Trained = { group: string; version: string; movies: number; activated: boolean; heldOutWindows: number; macroF1: { retrained: number; previous: number; previousVersion: string } };
    const [result] = (job.result as { models: Trained[] }).models;
    assert.equal(result.group, 'nonverbal');
    assert.equal(result.movies, 2);
    assert.equal(result.activated, true);
    assert.ok(result.heldOutWindows >= 1);
    assert.ok(Number.isFinite(result.macroF1.retrained) && Number.isFinite(result.macroF1.previous));
    assert.match(result.macroF1.previousVersion, /^sed-nonverbal-eat/);
    // The films' tagger features are cached as descriptor sets for the next retrain.
    assert.ok(p.descriptors.list(first.id).some((d) => d.kind.startsWith('tagger.') && d.complete));
    assert.equal(projectDetectors(p).nonverbal?.version, result.version);
    assert.equal(projectDetectors(p).verbal, undefined);
    const detector = await loadProjectDetector(p);
    try {
      assert.equal(detector.models.nonverbal.meta.version, result.version);
      assert.match(detector.models.verbal.meta.version, /^sed-verbal-/);
    } finally {
      detector.dispose();
    }
    const listed = await api.call('models.list', {});
    assert.ok(listed.some((m) => m.kind === 'sed' && m.version === result.version));
    // The bundled valence model read the shipped non-verbal detector's output: it is flagged, and so is its next prediction.
    const valence = listed.find((m) => m.kind === 'valence')!;
    assert.match(valence.summary, new RegExp(`nonverbal sed-nonverbal-\\S+ → ${result.version}.*retrain the valence model`));

    // Before an evaluation reads them, sets from the replaced detector are recomputed, the others kept.
    await descriptorsByAnalysis(projectAnalyzeDeps(p))(p, first.id, [], standaloneContext());
    for (const d of p.descriptors.list(first.id)) {
      if (d.kind === 'sed.nonverbal') assert.notEqual(d.id, setsBefore.get(d.kind), 'non-verbal semantics recomputed');
      else if (setsBefore.has(d.kind)) assert.equal(d.id, setsBefore.get(d.kind), `${d.kind} kept`);
    }
    const nonverbalModelEvents = p.events.list(first.id).filter((e) => e.source === 'model' && /^sed-nonverbal-/.test(e.modelVersion ?? ''));
    assert.ok(nonverbalModelEvents.every((e) => e.modelVersion === result.version), 'no events left from the replaced detector');
    const again = await finished(api, await api.call('movies.analyze', { movieId: first.id }));
    assert.equal(again.state, 'done', again.message);
    assert.match((again.result as { stages: Record<string, string> }).stages.valence, /^done: .*retrain the valence model/);
  } finally {
    api.dispose();
    api.project.close();
  }
});
