/**
 * A stage fed chunk by chunk from the decode, wherever it runs: on this thread (`--threads 1`) or on
 * a worker. Rows come back through the stage's own callback, in film order, on the main thread.
 */
import { availableParallelism } from 'node:os';

export interface StageRunner<In> {
  /** Resolves once the stage can take the next chunk (on a worker: at once while its queue has room). */
  push(input: In, count: number): Promise<void>;
  /** Resolves once every row has been handed back; rejects with the stage's failure. */
  finish(): Promise<void>;
  /** Stops the stage now (a cancelled or failed decode); rows not yet handed back are dropped. */
  abandon(): Promise<void>;
}

/**
 * Stages that can leave the main thread, heaviest first (per-stage CPU from bench:analyze): with N
 * threads the first N − 1 of them run on workers, the rest beside the decode on the main thread.
 */
export const WORKER_STAGES = ['motion'] as const;
export type WorkerStage = (typeof WORKER_STAGES)[number];

/** Threads picture-path uses when its caller names none (Analyze passes its choice: util/threads.ts). */
export const defaultThreads = (): number => availableParallelism();

export function onWorker(stage: WorkerStage, threads: number): boolean {
  return WORKER_STAGES.indexOf(stage) < threads - 1;
}

/** Chunks a worker may hold before the decode waits for it: enough to ride out an uneven chunk, little memory. */
export const WORKER_QUEUE_CHUNKS = 3;
