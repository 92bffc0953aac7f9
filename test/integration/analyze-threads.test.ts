/**
 * Analyze on worker threads: the motion stage on a worker stores exactly the sets a main-thread-only
 * run stores; cancelling mid-way, or a worker failing, leaves no worker thread behind; the CLI
 * refuses a bad thread count before touching anything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { analyzeMovie } from '../../src-main/analysis/analyze-movie.js';
import { projectAnalyzeDeps } from '../../src-main/analysis/project-deps.js';
import { openMotionRunner } from '../../src-main/analysis/workers/motion-runner.js';
import { UNMEASURED } from '../../src-main/analysis/workers/stage-cpu.js';
import { onWorker } from '../../src-main/analysis/workers/stage-runner.js';
import { ApiService } from '../../src-main/api/service.js';
import { Project } from '../../src-main/store/project.js';
import { standaloneContext } from '../../src-main/util/task-context.js';
import { makeClip, REPO_ROOT, tempDir } from '../helpers/media.js';

const dir = tempDir();
/** Four 10 s chunks of grey frames: one more than the worker may hold, so the decode waits for it once. */
const clip = makeClip(dir, { seconds: 40 });

async function imported(name: string): Promise<{ project: Project; movieId: number }> {
  const project = Project.open(join(dir, name));
  const api = new ApiService(project);
  await api.call('movies.import', { path: clip });
  await api.jobs.whenIdle();
  api.dispose();
  return { project, movieId: project.movies.list()[0].id };
}

/** Every descriptor set of the movie: kind → completeness, frame count and raw bytes. */
function storedSets(project: Project, movieId: number) {
  return new Map(
    project.descriptors.list(movieId).map((s) => [s.kind, { complete: s.complete, frames: s.frames, bytes: Buffer.from(project.descriptors.read(s.id).buffer) }]),
  );
}

/** OS threads of this process (Linux); null elsewhere. */
const threadCount = () => (existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : null);

async function settlesTo(baseline: number | null): Promise<void> {
  if (baseline === null) return;
  for (let i = 0; i < 40 && threadCount()! > baseline; i++) await sleep(50);
  assert.ok(threadCount()! <= baseline, `${threadCount()} threads, ${baseline} before the run`);
}

test('threads place the motion stage: 1 keeps it on the main thread, 2 or more give it a worker', () => {
  assert.equal(onWorker('motion', 1), false);
  assert.equal(onWorker('motion', 2), true);
  assert.equal(onWorker('motion', 16), true);
});

test('motion on a worker stores bit-identical sets to a main-thread-only run', async () => {
  const runs = [];
  for (const threads of [1, 2]) {
    const { project, movieId } = await imported(`threads-${threads}.vsproj`);
    const result = await analyzeMovie(project, { movieId, threads, predict: false }, standaloneContext(), projectAnalyzeDeps(project));
    for (const stage of ['audio', 'sound events', 'visual', 'motion'] as const) assert.match(result.stages[stage], /^done/, `${stage} with ${threads} threads`);
    runs.push(storedSets(project, movieId));
    project.close();
  }
  const [single, threaded] = runs;
  assert.deepEqual([...threaded.keys()].sort(), [...single.keys()].sort());
  assert.ok(single.has('motion.flow'));
  for (const [kind, set] of single) {
    const other = threaded.get(kind)!;
    assert.ok(set.complete && other.complete, kind);
    assert.equal(other.frames, set.frames, kind);
    assert.ok(other.bytes.equals(set.bytes), `${kind}: the stored values differ`);
  }
});

test('cancelling mid-way ends the worker: no thread is left running', async () => {
  const { project, movieId } = await imported('cancel.vsproj');
  const baseline = threadCount();
  const controller = new AbortController();
  const ctx = standaloneContext((_f, _m, stages) => {
    if ((stages?.motion ?? 0) > 0.3) controller.abort();
  }, controller.signal);
  await assert.rejects(analyzeMovie(project, { movieId, threads: 2, predict: false }, ctx, projectAnalyzeDeps(project)), { name: 'AbortError' });
  await settlesTo(baseline);
  const motion = project.descriptors.find(movieId, 'motion.flow')!;
  assert.equal(motion.complete, false);
  assert.ok(project.integrityOk());
  project.close();
});

test('a failing worker fails its stage with a message naming it, and ends', async () => {
  const baseline = threadCount();
  const rows: number[] = [];
  const runner = await openMotionRunner({ width: 16, height: 8, worker: true, cpu: UNMEASURED, onRows: (first) => rows.push(first) });
  // Two frames' worth of bytes announced as three: the stage refuses the chunk.
  const fails = async () => {
    await runner.push(new Uint8Array(2 * 16 * 8), 3);
    await runner.finish();
  };
  await assert.rejects(fails(), /^Error: motion worker: 3 grey frames need 384 bytes, got 256$/);
  await assert.rejects(runner.push(new Uint8Array(16 * 8), 1), /motion worker: 3 grey frames/, 'later chunks are refused with the same reason');
  await settlesTo(baseline);
  assert.deepEqual(rows, []);
});

test('the CLI refuses a bad --threads before opening or importing anything', () => {
  const project = join(dir, 'never.vsproj');
  const cli = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'valence-studio.js'), 'analyze', clip, '--project', project, '--threads', '0'], { encoding: 'utf8' });
  assert.notEqual(cli.status, 0);
  assert.match(cli.stderr, /--threads must be a positive whole number, got '0'/);
  assert.equal(existsSync(project), false);
});

test('the API and the job keep the thread count asked for (--threads reaches the analysis)', async () => {
  const { project, movieId } = await imported('threads-param.vsproj');
  const api = new ApiService(project);
  try {
    const job = await api.call('movies.analyze', { movieId, threads: 1 });
    assert.deepEqual(job.params, { movieId, threads: 1 });
    await api.call('jobs.cancel', { jobId: job.id });
    await api.jobs.whenIdle();
    const plain = await api.call('movies.analyze', { movieId });
    assert.deepEqual(plain.params, { movieId }, 'left out: the core count, decided when it runs');
    await api.call('jobs.cancel', { jobId: plain.id });
    await api.jobs.whenIdle();
  } finally {
    api.dispose();
    project.close();
  }
});
