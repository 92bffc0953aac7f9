/**
 * Analyze end to end on a short clip with tiny untrained detectors (the shipped ones are tested in
 * test/sed) and the bundled visual backbone: every stage's descriptor set is stored, model events
 * land in their track, a cancelled run resumes, and an unchanged re-run recomputes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { AnalyzeDeps } from '../../src-main/analysis/analyze-movie.js';
import { ApiService } from '../../src-main/api/service.js';
import { SoundEventDetector } from '../../src-main/sed/detector.js';
import { Project } from '../../src-main/store/project.js';
import { loadBackbone } from '../../src-main/visual/load-backbone.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { tinyDetectors } from '../helpers/tiny-detectors.js';

test('analyze stores every stage, resumes after a cancel and skips unchanged stages', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 14 });
  const models = await tinyDetectors(dir);
  const deps: AnalyzeDeps = { loadDetector: () => SoundEventDetector.load(models), loadBackbone: () => loadBackbone({ type: 'bundled' }), defaultValenceDir: join(dir, 'no-valence-model') };
  const project = Project.open(join(dir, 'a.vsproj'));
  const api = new ApiService(project, deps);
  await api.call('movies.import', { path: clip });
  await api.jobs.whenIdle();
  const [movie] = project.movies.list();

  // Cancel once the first 10 s chunk of audio descriptors is stored.
  const first = await api.call('movies.analyze', { movieId: movie.id });
  const off = api.on('job.updated', (j) => {
    if (j.id === first.id && j.state === 'running' && (project.descriptors.find(movie.id, 'audio.emobase2010')?.frames ?? 0) >= 250) {
      void api.call('jobs.cancel', { jobId: j.id }).catch(() => {});
    }
  });
  await api.jobs.whenIdle();
  off();
  const cancelled = project.jobs.get(first.id);
  assert.equal(cancelled.state, 'cancelled', cancelled.message);
  assert.ok(project.integrityOk());

  await api.call('jobs.restart', { jobId: first.id });
  await api.jobs.whenIdle();
  const done = project.jobs.get(first.id);
  assert.equal(done.state, 'done', done.message);
  const stages = (done.result as { stages: Record<string, string> }).stages;
  for (const s of ['audio', 'sound events', 'visual', 'motion']) assert.match(stages[s], /^done/, `${s}: ${stages[s]}`);
  assert.match(stages.valence, /^(skipped|done|unchanged)/);
  assert.deepEqual(Object.keys(done.stages ?? {}), ['audio', 'sound events', 'visual', 'motion', 'valence']);

  const sets = project.descriptors.list(movie.id);
  const frames = Math.ceil(movie.duration * 25);
  for (const kind of ['audio.emobase2010', 'sed.verbal', 'sed.nonverbal', 'motion.flow']) {
    const set = sets.find((s) => s.kind === kind);
    assert.ok(set?.complete, `${kind} complete`);
    assert.equal(set!.frames, frames, kind);
  }
  assert.ok(sets.some((s) => s.kind.startsWith('visual.') && s.complete && s.frames === frames));
  const verbal = sets.find((s) => s.kind === 'sed.verbal')!;
  assert.equal(verbal.dims, 4 + 8, 'four class activities and an 8-d BiGRU embedding');
  assert.ok(project.events.list(movie.id).every((e) => e.source === 'model' && e.modelVersion));

  // Unchanged inputs and settings: the same sets are reused, nothing is recomputed.
  const ids = sets.map((s) => s.id).sort();
  const again = await api.call('movies.analyze', { movieId: movie.id });
  await api.jobs.whenIdle();
  assert.equal(project.jobs.get(again.id).state, 'done');
  assert.deepEqual(project.descriptors.list(movie.id).map((s) => s.id).sort(), ids);

  // A changed visual rate recomputes the visual set only.
  await api.call('settings.update', { visualRate: 2 });
  const changed = await api.call('movies.analyze', { movieId: movie.id });
  await api.jobs.whenIdle();
  assert.equal(project.jobs.get(changed.id).state, 'done');
  const after = project.descriptors.list(movie.id);
  for (const set of after) {
    const before = sets.find((s) => s.kind === set.kind)!;
    if (set.kind.startsWith('visual.')) assert.notEqual(set.id, before.id, 'visual recomputed');
    else assert.equal(set.id, before.id, `${set.kind} kept`);
  }
  assert.ok(project.integrityOk());
  api.dispose();
  project.close();
});

test('analyze on an audio-only file skips the picture stages and says why', async () => {
  const dir = tempDir();
  const models = await tinyDetectors(dir);
  const deps: AnalyzeDeps = { loadDetector: () => SoundEventDetector.load(models), loadBackbone: () => loadBackbone({ type: 'bundled' }), defaultValenceDir: join(dir, 'no-valence-model') };
  const project = Project.open(join(dir, 'b.vsproj'));
  const api = new ApiService(project, deps);
  await api.call('movies.import', { path: makeClip(dir, { seconds: 3, video: false, name: 'voice.m4a' }) });
  await api.jobs.whenIdle();
  const [movie] = project.movies.list();
  const job = await api.call('movies.analyze', { movieId: movie.id });
  await api.jobs.whenIdle();
  const done = project.jobs.get(job.id);
  assert.equal(done.state, 'done', done.message);
  const stages = (done.result as { stages: Record<string, string> }).stages;
  assert.equal(stages.visual, 'skipped: the film has no picture');
  assert.match(stages.audio, /^done/);
  api.dispose();
  project.close();
});
