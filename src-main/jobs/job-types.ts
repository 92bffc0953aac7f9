/** What a running job sees: where to report progress and how to notice it was cancelled. */
export interface JobContext {
  readonly signal: AbortSignal;
  progress(fraction: number, message?: string): void;
  throwIfCancelled(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

/** A context for running job code outside the queue (CLI, tests). */
export function standaloneContext(onProgress?: (fraction: number, message: string) => void, signal = new AbortController().signal): JobContext {
  return {
    signal,
    progress: (f, m = '') => onProgress?.(f, m),
    throwIfCancelled: () => {
      if (signal.aborted) throw new CancelledError();
    },
  };
}
