/** What a long computation sees (a job, a CLI command, a test): where to report progress and how to notice it was cancelled. */
export interface TaskContext {
  readonly signal: AbortSignal;
  /** Overall fraction done; multi-stage jobs also pass each stage's own fraction. */
  progress(fraction: number, message?: string, stages?: Record<string, number>): void;
  throwIfCancelled(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

/** A context for running outside the job queue (CLI, tests). */
export function standaloneContext(
  onProgress?: (fraction: number, message: string, stages?: Record<string, number>) => void,
  signal = new AbortController().signal): TaskContext {
  return {
    signal,
    progress: (f, m = '', stages) => onProgress?.(f, m, stages),
    throwIfCancelled: () => {
      if (signal.aborted) throw new CancelledError();
    },
  };
}
