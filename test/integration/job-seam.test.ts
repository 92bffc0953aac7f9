/**
 * The typed job seam: stored rows are read through their kind's schema before they run, the CLI's
 * valence commands run the app's jobs on the project's queue (waiting for another holder, cancelled
 * by Ctrl-C), and the transports get a movie's file from the API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSession } from '../../src-main/app/session.js';
import type { ApiService } from '../../src-main/api/service.js';
import { run as evaluate } from '../../src-main/cli/commands/evaluate.js';
import { run as predict } from '../../src-main/cli/commands/predict.js';
import { run as trainValence } from '../../src-main/cli/commands/train-valence.js';
import { parseJobParams } from '../../src-main/contract/parse.js';
import { tryAcquireLease } from '../../src-main/store/lease.js';
import { Project } from '../../src-main/store/project.js';
import { tempDir } from '../helpers/media.js';
import { wsClient } from '../helpers/transports.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';

/** Runs a command with its stdout and stderr kept, not printed. */
async function quiet<T>(f: () => Promise<T>): Promise<{ result: T; out: string; err: string }> {
  const log = console.log;
  const write = process.stderr.write;
  let out = '';
  let err = '';
  console.log = (...a: unknown[]) => void (out += a.join(' ') + '\n');
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { result: await f(), out, err };
  } finally {
    console.log = log;
    process.stderr.write = write;
  }
}

function synthetic(): string {
  const dir = tempDir('vs-job-seam-');
  syntheticProject(dir, { movies: 3, seconds: 8 }).close();
  return join(dir, 'synthetic.vsproj');
}

const jobsOf = (path: string) => {
  const p = Project.open(path, { create: false });
  try {
    return p.jobs.list();
  } finally {
    p.close();
  }
};

// Never run: it only has to compile, or not, as marked.
export function typedEnqueue(api: ApiService): void {
  // @ts-expect-error a kind the contract does not have
  api.jobs.enqueue('frobnicate', {});
  // @ts-expect-error params of another kind
  api.jobs.enqueue('predict', { path: 'movie.mp4' });
  api.jobs.enqueue('predict', { movieId: 1, model: 'dnn-000000000000' });
}

test('params are read through the kind schema', () => {
  assert.deepEqual(parseJobParams('train-valence', { architecture: 'dnn', maxEpochs: 3 }), { architecture: 'dnn', maxEpochs: 3 });
  assert.throws(() => parseJobParams('predict', { movieId: 1 }), { code: 'bad_request', message: /^predict job: model: / });
  assert.throws(() => parseJobParams('evaluate', { workers: 0 }), /evaluate job: workers: /);
  assert.throws(() => parseJobParams('frobnicate' as 'analyze', {}), /unknown job kind 'frobnicate'/);
});

test('a stored job whose params do not fit its kind fails with the reason, before it runs', async () => {
  const path = synthetic();
  const p = Project.open(path, { create: false });
  const misfit = p.jobs.create('analyze', { movieId: 'one' });
  const unknown = p.jobs.create('frobnicate', {});
  p.close();
  const s = openSession(path);
  try {
    await s.api.jobs.whenIdle();
    const failed = s.project.jobs.get(misfit.id);
    assert.equal(failed.state, 'failed');
    assert.match(failed.message, /^analyze job: movieId: /);
    assert.deepEqual(s.project.jobs.get(unknown.id), { ...s.project.jobs.get(unknown.id), state: 'failed', message: "unknown job kind 'frobnicate'" });
  } finally {
    s.close();
  }
});

test('train-valence, evaluate and predict from the CLI run as the app jobs', async () => {
  const path = synthetic();
  const common = ['--project', path, '--semantics', 'events', '--max-epochs', '2', '--tokens', '4'];
  const ev = await quiet(() => evaluate([...common, '--models', 'dnn', '--events', 'none', '--workers', '1', '--out', join(path, '..', 'report')]));
  assert.equal(ev.result, 0);
  const tr = await quiet(() => trainValence([...common, '--model', 'dnn', '--events', 'none']));
  assert.equal(tr.result, 0);
  const version = /stored valence model (\S+) \(id \d+\): 2 epochs, best \d, \d+ samples\/s; validation Acc/.exec(tr.out)![1];
  const pr = await quiet(() => predict(['--project', path, '--model', version, '--movie', '2']));
  assert.equal(pr.result, 0);
  assert.match(pr.out, /^stored prediction series \d+ for movie 2 \(movie-1\): 200 frames, model dnn-/);

  const jobs = jobsOf(path).reverse();
  assert.deepEqual(jobs.map((j) => [j.kind, j.state]), [['evaluate', 'done'], ['train-valence', 'done'], ['predict', 'done']]);
  assert.deepEqual(jobs[0].params, { semantics: 'events', stride: 5, maxEpochs: 2, patience: 5, batchSize: 128, seed: 1, tokens: 4, models: ['dnn'], events: ['none'], workers: 1 });
  assert.deepEqual(jobs[2].params, { movieId: 2, model: version });
  assert.equal(jobs[2].kind === 'predict' && jobs[2].result?.modelVersion, version);
});

test('a CLI job waits while another process holds the project, saying who, then runs', async () => {
  const path = synthetic();
  const held = tryAcquireLease(path, 'the Valence Studio app');
  assert.ok('release' in held);
  const run = quiet(() => trainValence(['--project', path, '--semantics', 'events', '--max-epochs', '1', '--model', 'dnn', '--events', 'none']));
  await sleep(300);
  const [waiting] = jobsOf(path);
  assert.equal(waiting.state, 'queued');
  assert.match(waiting.message, /^waiting: the Valence Studio app \(pid \d+ on .+\) is running jobs on this project/);
  held.release();
  const { result, err } = await run;
  assert.equal(result, 0);
  assert.match(err, /^train-valence: waiting: the Valence Studio app \(pid \d+ on .+\) is running jobs on this project \(Ctrl-C to stop\)$/m);
  assert.equal(jobsOf(path)[0].state, 'done');
});

test('Ctrl-C cancels the CLI job and nothing is stored', async () => {
  const dir = tempDir('vs-job-seam-');
  syntheticProject(dir, { movies: 2, seconds: 120 }).close();
  const path = join(dir, 'synthetic.vsproj');
  const slow = ['--stride', '1', '--batch-size', '8', '--max-epochs', '1000', '--patience', '1000'];
  const run = quiet(() => trainValence(['--project', path, '--semantics', 'events', ...slow, '--model', 'dnn', '--events', 'none']));
  for (let t = 0; t < 300 && !jobsOf(path).some((j) => j.state === 'running' && j.progress > 0); t++) await sleep(50);
  process.emit('SIGINT');
  await assert.rejects(run, /^Error: cancelled$/);
  const [job] = jobsOf(path);
  assert.equal(job.state, 'cancelled');
  const p = Project.open(path, { create: false });
  assert.deepEqual(p.models.list(), []);
  p.close();
});

test('the transports get a movie file from the API, which refuses a moved file with its path', async () => {
  const path = synthetic();
  const dir = join(path, '..');
  const c = await wsClient(path, dir);
  try {
    const moved = join(dir, 'movie-0.mp4');
    assert.throws(() => c.session.api.mediaFile(1), { code: 'not_found', message: `the movie file has moved or was deleted: ${moved}` });
    const base = `http://127.0.0.1:${c.server.port}/media`;
    const missing = await fetch(`${base}/1?token=${c.server.token}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: { code: 'not_found', message: `the movie file has moved or was deleted: ${moved}` } });
    assert.equal((await fetch(`${base}/99?token=${c.server.token}`)).status, 404);
    writeFileSync(moved, 'frames');
    assert.equal(c.session.api.mediaFile(1), moved);
    assert.equal(await (await fetch(`${base}/1?token=${c.server.token}`)).text(), 'frames');
  } finally {
    await c.close();
  }
});
