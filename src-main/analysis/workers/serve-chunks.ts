/**
 * The worker side of a chunk stage: opens the stage from the worker's data, then takes chunks one
 * at a time, in order, and answers each with what the stage emitted for it, so the main thread
 * stores rows in film order and knows how many chunks are still queued. The last answer carries the
 * CPU this worker's thread used in all.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { threadCpuSeconds } from './thread-cpu.js';

export type ToWorker<In> = { type: 'push'; input: In; count: number } | { type: 'finish' };
export type FromWorker<Out> =
  | { type: 'pushed'; out: Out[] }
  | { type: 'finished'; out: Out[]; cpuSeconds: number }
  | { type: 'failed'; message: string };

export interface ChunkStage<In> {
  push(input: In, count: number): unknown;
  /** Flushes what the stage holds back (its result, if any, is not sent: only what it emits). */
  finish(): unknown;
}

/** Serves one stage on this worker; `open` gets the workerData and where to emit results. */
export function serveChunks<Init, In, Out>(open: (init: Init, emit: (out: Out) => void) => Promise<ChunkStage<In>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveChunks runs in a worker thread');
  let emitted: Out[] = [];
  const stage = open(workerData as Init, (out) => emitted.push(out));
  // Loading starts at once; a failure to load is reported with the first chunk.
  stage.catch(() => {});
  const take = () => {
    const out = emitted;
    emitted = [];
    return out;
  };
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (msg: ToWorker<In>) => {
    queue = queue.then(async () => {
      try {
        const s = await stage;
        if (msg.type === 'push') {
          await s.push(msg.input, msg.count);
          port.postMessage({ type: 'pushed', out: take() } satisfies FromWorker<Out>);
        } else {
          await s.finish();
          port.postMessage({ type: 'finished', out: take(), cpuSeconds: threadCpuSeconds() } satisfies FromWorker<Out>);
        }
      } catch (err) {
        port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker<Out>);
      }
    });
  });
}
