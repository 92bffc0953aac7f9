/**
 * The project's threads setting through the API: null (automatic) by default with the machine's core
 * count beside it; bad values refused with nothing changed; an Analyze started without threads runs
 * with the setting, and so does a train-valence; a job's own threads still win.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzeDeps } from '../../src-main/analysis/analyze-movie.js';
import { StageCpu } from '../../src-main/analysis/workers/stage-cpu.js';
import { ApiService } from '../../src-main/api/service.js';
import { SoundEventDetector } from '../../src-main/sed/detector.js';
import { Project } from '../../src-main/store/project.js';
import { loadBackbone } from '../../src-main/visual/load-backbone.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { tinyDetectors } from '../helpers/tiny-detectors.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';

test('settings: threads automatic by default, 1-256 or null, bad values refused and nothing changed', async () => {
  const dir = tempDir();
  const api = new ApiService(Project.open(join(dir, 't.vsproj')));
  try {
    const defaults = await api.call('settings.get', {});
    assert.equal(defaults.threads, null);
    assert.equal(defaults.cores, availableParallelism());
    assert.equal((await api.call('settings.update', { threads: 3 })).threads, 3);
    for (const bad of [0, 1.5, 257, -1, '2']) {
      await assert.rejects(api.call('settings.update', { threads: bad } as never), /threads/, String(bad));
    }
    assert.equal((await api.call('settings.get', {})).threads, 3, 'unchanged by the refused values');
    assert.deepEqual(await api.call('settings.update', { threads: null }), defaults, 'back to automatic');
    await api.call('settings.update', { threads: 200 });
    const reopened = Project.open(join(dir, 't.vsproj'));
    assert.equal(reopened.settings.get().threads, 200, 'kept in the project file as chosen; held to the cores only when a job runs');
    reopened.close();
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('analyze without threads runs with the setting; a job\'s own threads win', { skip: availableParallelism() < 2 && 'needs two cores' }, async () => {
  const dir = tempDir();
  const models = await tinyDetectors(dir);
  const cpu = new StageCpu();
  const deps: AnalyzeDeps = {
    loadDetector: () => SoundEventDetector.load(models),
    loadBackbone: () => loadBackbone({ type: 'bundled' }),
    defaultValenceDir: join(dir, 'no-valence-model'),
    cpu,
  };
  const project = Project.open(join(dir, 'a.vsproj'));
  const api = new ApiService(project, deps);
  try {
    for (const [name, seconds] of [['one.mp4', 3], ['two.mp4', 4]] as const) await api.call('movies.import', { path: makeClip(dir, { seconds, name }) });
    await api.jobs.whenIdle();
    const [one, two] = project.movies.list();
    // Motion leaves the main thread only with two threads or more (stage-runner.ts): where it ran says how many the job had.
    const motionThreads = () => new Set(cpu.entries().filter((e) => e.stage === 'motion').map((e) => e.thread));

    await api.call('settings.update', { threads: 1 });
    const bySetting = await api.call('movies.analyze', { movieId: one.id });
    await api.jobs.whenIdle();
    assert.equal(project.jobs.get(bySetting.id).state, 'done', project.jobs.get(bySetting.id).message);
    assert.deepEqual(motionThreads(), new Set(['main']), 'one thread: motion beside the decode');

    const byParams = await api.call('movies.analyze', { movieId: two.id, threads: 2 });
    await api.jobs.whenIdle();
    assert.equal(project.jobs.get(byParams.id).state, 'done', project.jobs.get(byParams.id).message);
    assert.ok(motionThreads().has('worker'), 'the job\'s own two threads: motion on a worker');
  } finally {
    api.dispose();
    project.close();
  }
});

test('train-valence without threads runs with the setting, held to the cores; automatic stays at two at most', async () => {
  const api = new ApiService(syntheticProject(tempDir()));
  // Data-parallel training starts threads − 1 workers beside this thread.
  let started = 0;
  const count = () => started++;
  process.on('worker', count);
  const workersFor = async (params: { threads?: number } = {}) => {
    started = 0;
    const job = await api.call('valence.train', { architecture: 'dnn', events: 'nonverbal', semantics: 'events', maxEpochs: 1, ...params });
    await api.jobs.whenIdle();
    assert.equal(api.project.jobs.get(job.id).state, 'done', api.project.jobs.get(job.id).message);
    return started;
  };
  try {
    const cores = availableParallelism();
    assert.equal(await workersFor(), Math.min(2, cores) - 1, 'automatic');
    await api.call('settings.update', { threads: 1 });
    assert.equal(await workersFor(), 0, 'the setting');
    assert.equal(await workersFor({ threads: 2 }), 1, 'the job\'s own threads win');
    await api.call('settings.update', { threads: 256 });
    assert.equal(await workersFor(), cores - 1, 'held to the cores');
  } finally {
    process.off('worker', count);
    api.dispose();
    api.project.close();
  }
});
