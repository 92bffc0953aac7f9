/**
 * Ending worker threads that may be inside onnxruntime-node. Terminating a thread while it runs an
 * ONNX Runtime session aborts the whole process: the binding makes its outputs by calling into
 * JavaScript, which a dying thread refuses, and the error it then throws in C++ is uncaught
 * (seen here: `terminate called after throwing an instance of 'Napi::Error'`). TF.js products run
 * there in training (ml/native-products.ts), so such workers are asked to stop and exit by
 * themselves between tasks; terminate() is kept for a worker that does not within the grace time
 * (which can still land inside a run: rarer, not impossible).
 */
import type { MessagePort, Worker } from 'node:worker_threads';

export const STOP = { type: 'stop' } as const;

/** Resolves once the worker has exited: asked to, or terminated after `graceMs`. */
export async function stopWorker(worker: Worker, graceMs = 10_000): Promise<void> {
  if (worker.threadId < 0) return; // already exited
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage(STOP);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => void worker.terminate().finally(resolve), graceMs);
  });
  try {
    await Promise.race([exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * In a worker: on STOP, calls `cancel` (so a task in flight ends early) and exits the thread as soon
 * as no task runs. Wrap each asynchronous task in `task`; the worker's own message listener must
 * ignore STOP.
 */
export function exitOnStop(port: MessagePort, cancel: () => void = () => {}): { task<T>(run: () => Promise<T>): Promise<T> } {
  let running = 0;
  let stopping = false;
  port.on('message', (m: unknown) => {
    if ((m as { type?: string })?.type !== STOP.type) return;
    stopping = true;
    cancel();
    if (running === 0) process.exit(0);
  });
  return {
    async task<T>(run: () => Promise<T>): Promise<T> {
      running++;
      try {
        return await run();
      } finally {
        running--;
        if (stopping && running === 0) setImmediate(() => process.exit(0));
      }
    },
  };
}
