/**
 * Stopping worker threads (src-main/util/stop-worker.ts): a worker asked to stop exits by itself,
 * between ONNX Runtime products too (terminating it inside one would abort the process), and one
 * that does not answer is terminated after the grace time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../../src-main/util/spawn-worker.js';
import { stopWorker } from '../../../src-main/util/stop-worker.js';

const probe = new URL('../../helpers/ml/stop-probe-worker.ts', import.meta.url).href;

async function started(mode: string): Promise<{ worker: Worker; code: Promise<number>; native: boolean }> {
  const worker = spawnWorker(probe, 'stop-probe-worker', mode);
  const code = new Promise<number>((resolve) => worker.once('exit', resolve));
  const { native } = await new Promise<{ native: boolean }>((resolve) => worker.once('message', resolve));
  return { worker, code, native };
}

test('an idle worker exits by itself when asked to stop', async () => {
  const { worker, code } = await started('idle');
  await stopWorker(worker, 20_000);
  assert.equal(await code, 0);
  await stopWorker(worker); // already gone: returns at once
});

test('a worker running ONNX Runtime products is cancelled and exits between them', async () => {
  const { worker, code, native } = await started('busy');
  assert.ok(native, 'the worker computes its products on ONNX Runtime');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const t0 = Date.now();
  await stopWorker(worker, 20_000);
  assert.equal(await code, 0, 'it exited, not terminated');
  assert.ok(Date.now() - t0 < 10_000);
});

test('a worker that ignores the request is terminated after the grace time', async () => {
  const { worker, code } = await started('deaf');
  await stopWorker(worker, 200);
  assert.equal(await code, 1, 'terminated');
});
