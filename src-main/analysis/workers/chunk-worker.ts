/**
 * The main-thread side of a stage that runs on a worker thread: chunks go out as the decode hands
 * them over, results come back in order and are handed to `onOutput` here, on the main thread (the
 * one writer of the project). At most `maxQueued` chunks wait in the worker: a push beyond that
 * resolves only when the worker has answered one, which holds the decode back, so memory stays flat
 * however long the film. A worker's failure rejects the pending and all later calls with one
 * message naming the stage, and ends the worker; so does cancelling, at once, even while the decode
 * waits for room or for the worker's last rows.
 */
import type { Transferable, Worker } from 'node:worker_threads';
import { CancelledError } from '../../util/task-context.js';
import type { FromWorker, ToWorker } from './serve-chunks.js';
import { spawnWorker } from '../../util/spawn-worker.js';

export interface ChunkWorkerOptions<Out> {
  /** Names the stage in errors. */
  label: string;
  /** Chunks sent but not yet answered before push waits. */
  maxQueued: number;
  onOutput(out: Out): void;
  signal?: AbortSignal;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(err: Error): void;
}

export class ChunkWorker<In, Out> {
  readonly #worker: Worker;
  readonly #options: ChunkWorkerOptions<Out>;
  #queued = 0;
  #failure: Error | null = null;
  /** Set once the worker is finished, failed or abandoned: later replies are ignored. */
  #closed = false;
  /** The decode hands over one chunk at a time, so at most one push waits for room. */
  #room: Waiter<void> | null = null;
  #finished: Waiter<number> | null = null;

  /** `entry`: a `-worker` file beside this one, started with `init` as its workerData. */
  constructor(entry: string, init: unknown, options: ChunkWorkerOptions<Out>) {
    this.#options = options;
    this.#worker = spawnWorker(import.meta.url, entry, init);
    this.#worker.on('message', (m: FromWorker<Out>) => this.#receive(m));
    this.#worker.on('error', (err) => this.#fail(err.message));
    this.#worker.on('exit', (code) => this.#fail(`its worker stopped unexpectedly (exit code ${code})`));
    const { signal } = options;
    const cancel = () => this.#stop(new CancelledError());
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    this.#worker.once('exit', () => signal?.removeEventListener('abort', cancel));
  }

  /** Sends a chunk (the buffers in `transfer` move to the worker); resolves when another may be sent. */
  push(input: In, count: number, transfer: Transferable[] = []): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new Error(`${this.#options.label}: the stage is finished`));
    this.#worker.postMessage({ type: 'push', input, count } satisfies ToWorker<In>, transfer);
    if (++this.#queued < this.#options.maxQueued) return Promise.resolve();
    return new Promise((resolve, reject) => (this.#room = { resolve, reject }));
  }

  /** Resolves, once every result was handed to onOutput and the worker has ended, with the worker thread's CPU seconds. */
  finish(): Promise<number> {
    if (this.#failure) return Promise.reject(this.#failure);
    this.#worker.postMessage({ type: 'finish' } satisfies ToWorker<In>);
    return new Promise((resolve, reject) => (this.#finished = { resolve, reject }));
  }

  /** Ends the worker now (a cancelled or failed decode); results not yet received are dropped. */
  async abandon(): Promise<void> {
    this.#closed = true;
    await this.#worker.terminate();
  }

  #receive(m: FromWorker<Out>): void {
    if (this.#closed) return;
    if (m.type === 'failed') return this.#fail(m.message);
    try {
      for (const out of m.out) this.#options.onOutput(out);
    } catch (err) {
      return this.#fail(err instanceof Error ? err.message : String(err));
    }
    if (m.type === 'pushed') {
      this.#queued--;
      const room = this.#room;
      this.#room = null;
      room?.resolve();
      return;
    }
    this.#closed = true;
    const finished = this.#finished;
    void this.#worker.terminate().then(() => finished?.resolve(m.cpuSeconds));
  }

  #fail(message: string): void {
    this.#stop(new Error(`${this.#options.label}: ${message}`));
  }

  #stop(failure: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#failure = failure;
    this.#room?.reject(failure);
    this.#finished?.reject(failure);
    void this.#worker.terminate();
  }
}
