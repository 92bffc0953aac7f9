/**
 * Where an analysis spends its CPU: seconds per stage and per thread (the main thread, or the
 * worker a stage ran on). The benchmark reads it to show which stage limits the run; an analysis
 * that nobody profiles uses UNMEASURED and pays nothing.
 */
import { threadCpuSeconds } from './thread-cpu.js';

export type StageThread = 'main' | 'worker';

export interface StageCpuEntry {
  stage: string;
  thread: StageThread;
  seconds: number;
}

export interface CpuMeter {
  /** Runs `fn` on this thread and adds the CPU it took to `stage`. */
  time<T>(stage: string, fn: () => T): T;
  /**
   * The same for asynchronous work: what this thread does between its start and end, so work that
   * interleaves with it during its awaits (pipe reads, worker replies) is counted too.
   */
  timeAsync<T>(stage: string, fn: () => Promise<T>): Promise<T>;
  /** CPU a worker measured on its own thread. */
  addWorker(stage: string, seconds: number): void;
}

export const UNMEASURED: CpuMeter = {
  time: (_stage, fn) => fn(),
  timeAsync: (_stage, fn) => fn(),
  addWorker: () => {},
};

export class StageCpu implements CpuMeter {
  readonly #seconds = new Map<string, StageCpuEntry>();

  time<T>(stage: string, fn: () => T): T {
    const t0 = threadCpuSeconds();
    try {
      return fn();
    } finally {
      this.#add(stage, 'main', threadCpuSeconds() - t0);
    }
  }

  async timeAsync<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const t0 = threadCpuSeconds();
    try {
      return await fn();
    } finally {
      this.#add(stage, 'main', threadCpuSeconds() - t0);
    }
  }

  addWorker(stage: string, seconds: number): void {
    this.#add(stage, 'worker', seconds);
  }

  entries(): StageCpuEntry[] {
    return [...this.#seconds.values()].map((e) => ({ ...e }));
  }

  #add(stage: string, thread: StageThread, seconds: number): void {
    const key = `${thread}:${stage}`;
    const entry = this.#seconds.get(key) ?? { stage, thread, seconds: 0 };
    entry.seconds += seconds;
    this.#seconds.set(key, entry);
  }
}
