/**
 * Runs folds on worker threads, one fold per worker at a time. TF.js's wasm backend computes on
 * one core; folds are independent, so N workers give close to N× on N free cores. Each worker
 * reopens the project for the full-rate test reads. Cancelling stops the workers (a fold in flight
 * is cancelled and lost, nothing half-done is reported).
 */
import type { Worker } from 'node:worker_threads';
import { nativeProductsWanted } from '../../ml/native-products.js';
import { spawnWorker } from '../../util/spawn-worker.js';
import { stopWorker } from '../../util/stop-worker.js';
import { CancelledError } from '../../util/task-context.js';
import type { EvalMovie } from '../../valence/data/eval-movie.js';
import type { FrameTable } from '../../valence/data/frame-table.js';
import type { ParallelFolds } from '../../valence/training/grid.js';
import type { FoldSource, FromWorker, WorkerData, WorkerMovie } from './fold-worker.js';

/** The table with its arrays in SharedArrayBuffers (copied only if not already there), so posting it to workers shares it. */
function shared(t: FrameTable): FrameTable {
  const copy = <A extends Float32Array | Uint8Array>(a: A): A => {
    if (a.buffer instanceof SharedArrayBuffer) return a;
    const out = new (a.constructor as new (b: SharedArrayBuffer) => A)(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  return { ...t, labels: copy(t.labels), features: new Map([...t.features].map(([m, f]) => [m, { dims: f.dims, data: copy(f.data) }])) };
}

/** The grid's parallel runner for these movies, whose full-rate rows the workers read from `source`. */
export const foldsInWorkers = (movies: EvalMovie[], source: FoldSource): ParallelFolds => async (specs, workers, ctx, onResult) => {
  const payload: WorkerMovie[] = movies.map(({ read: _read, sampled, ...m }) => ({ ...m, sampled: shared(sampled) }));
  const pool = Array.from({ length: Math.min(workers, specs.length) }, () => spawnWorker(import.meta.url, 'fold-worker', { movies: payload, source, nativeProducts: nativeProductsWanted() } satisfies WorkerData));
  const running = new Map<number, number>();
  let next = 0;
  let done = 0;
  const report = (message: string) => ctx.progress((done + [...running.values()].reduce((a, b) => a + b, 0)) / specs.length, message);
  let abort = () => {};
  try {
    await new Promise<void>((resolve, reject) => {
      abort = () => reject(new CancelledError());
      if (ctx.signal.aborted) return abort();
      ctx.signal.addEventListener('abort', abort, { once: true });
      const feed = (w: Worker) => {
        if (next >= specs.length) return;
        running.set(next, 0);
        w.postMessage({ type: 'fold', job: next, spec: specs[next] });
        next++;
      };
      for (const w of pool) {
        w.on('message', (m: FromWorker) => {
          if (m.type === 'progress') {
            running.set(m.job, m.fraction);
            report(m.message);
          } else if (m.type === 'failed') {
            reject(new Error(m.message));
          } else {
            running.delete(m.job);
            done++;
            onResult(m.job, m.result);
            report(`${done}/${specs.length} folds done`);
            if (done === specs.length) resolve();
            else feed(w);
          }
        });
        w.on('error', reject);
        feed(w);
      }
    });
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    await Promise.all(pool.map((w) => stopWorker(w)));
  }
};
