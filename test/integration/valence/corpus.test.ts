/**
 * The synthetic corpus: pure pieces (valence pull, event plan, soundtrack loudness) by hand, and a
 * 2-movie × 12 s corpus generated end to end from the demo data shipped in resources/demo.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeCorpus } from '../../../scripts/make-corpus.js';
import { ApiService } from '../../../src-main/api/service.js';
import { Project } from '../../../src-main/store/project.js';
import { planEvents } from '../../../src-main/valence/corpus/event-plan.js';
import { mixClips } from '../../../src-main/valence/corpus/soundtrack.js';
import { applyEvents, response } from '../../../src-main/valence/corpus/valence-trace.js';
import { Rng } from '../../../src-main/util/random.js';
import { tempDir } from '../../helpers/media.js';

test('an event pulls valence towards its target after the lag, then lets go', () => {
  assert.equal(response(1.5, 1, 3), 0, 'nothing before the 0.6 s lag');
  assert.ok(response(3.6, 1, 3) > 0.95, 'near full by the end of a 2 s event');
  assert.ok(response(10, 1, 3) < 0.1, 'mostly faded 6 s after the sound ends');
  const base = new Float32Array(250).fill(0.2);
  const v = applyEvents(base, [{ label: 'crying', onset: 2, offset: 5 }]);
  assert.equal(v[25], base[25]);
  assert.ok(v[137] < -0.6, `crying drags 0.2 down to ${v[137]}`);
  assert.ok(applyEvents(base, [{ label: 'laughter', onset: 2, offset: 5 }])[137] > 0.75);
});

test('events do not overlap, stay inside the film, and are filled with recordings of their class', () => {
  const files = [
    { file: 'a.flac', label: 'crying' as const, duration: 0.8 },
    { file: 'b.flac', label: 'speech_male' as const, duration: 6 },
  ];
  const plan = planEvents(new Rng(3), files, { seconds: 60, spacing: 6, maxLength: 4 });
  assert.ok(plan.length >= 5);
  plan.forEach((e, i) => {
    assert.ok(e.onset >= 0 && e.offset <= 60 && e.offset - e.onset <= 4 + 1e-9);
    if (i > 0) assert.ok(e.onset >= plan[i - 1].offset + 1);
    assert.ok(e.clips.every((c) => files.find((f) => f.file === c.file)!.label === e.label));
    assert.ok(Math.abs(e.clips.reduce((s, c) => s + c.length, 0) - (e.offset - e.onset)) < 1e-9);
  });
});

test('clips are mixed at one loudness whatever their recording level', () => {
  const track = new Float32Array(16000);
  const quiet = Float32Array.from({ length: 1600 }, (_, i) => 0.001 * Math.sin(i / 3));
  mixClips(track, [{ file: 'q', at: 0.5, length: 0.1 }], new Map([['q', quiet]]));
  const part = track.subarray(8000, 9600);
  const rms = Math.sqrt(part.reduce((s, x) => s + x * x, 0) / part.length);
  assert.ok(Math.abs(rms - 0.1) < 0.01, `rms ${rms}`);
});

test('make-corpus writes films, traces, events and a ready project from the shipped demo data', async () => {
  const out = tempDir('vs-corpus-');
  const projectPath = await makeCorpus({ out, movies: 2, seconds: 12, seed: 5 });
  const project = Project.open(projectPath, { create: false });
  try {
    const movies = project.movies.list();
    assert.equal(movies.length, 2);
    for (const m of movies) {
      assert.ok(Math.abs(m.duration - 12) < 0.2, `duration ${m.duration}`);
      assert.ok(m.video && m.audio);
      const [annotation] = project.valence.list(m.id);
      assert.equal(annotation.kind, 'annotation');
      assert.equal(annotation.length, 300);
      const events = project.events.list(m.id);
      assert.ok(events.length >= 1 && events.every((e) => e.source === 'import'));
      const tsv = readFileSync(join(out, `${m.title}.events.tsv`), 'utf8').trim().split('\n').slice(1);
      assert.equal(tsv.length, events.length);
    }
    await assert.rejects(makeCorpus({ out, movies: 1, seconds: 5, seed: 1 }), /already exists/);
  } finally {
    project.close();
  }

  // The loop from the app: evaluating the fresh corpus analyses its films first (all three audio-visual
  // modalities and the detectors' semantics), then runs the grid.
  const api = new ApiService(Project.open(projectPath, { create: false }));
  try {
    const job = await api.call('valence.evaluate', { models: ['dnn'], events: ['none', 'all'], maxEpochs: 2 });
    await api.jobs.whenIdle();
    const done = api.project.jobs.get(job.id);
    assert.equal(done.state, 'done', done.message);
    const report = await api.call('reports.get', { reportId: (done.result as { reportId: number }).reportId });
    const body = report.body as { settings: { av: string[]; semantics: string }; cells: { acc: number | null }[] };
    assert.deepEqual(body.settings.av, ['audio', 'visual', 'motion']);
    assert.equal(body.settings.semantics, 'sed');
    assert.ok(body.cells.every((c) => c.acc !== null));
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('make-corpus says which data folder lacks the recordings', async () => {
  const empty = tempDir('vs-corpus-nodata-');
  await assert.rejects(makeCorpus({ out: join(empty, 'out'), movies: 1, seconds: 5, seed: 1, data: empty }), /has no human-sounds\/manifest\.tsv.*--data/);
});
