/** The error banner's messages: what went wrong, in the API's own words. */
import { ApiError } from '../api/client.js';

export interface Notice {
  id: number;
  message: string;
  code: string;
}

export class Notices {
  #items = $state.raw<Notice[]>([]);
  #nextId = 1;

  get items(): readonly Notice[] {
    return this.#items;
  }

  /** `context` says what the person was doing ("Import of x.mp4"), the error says why it failed. */
  report(err: unknown, context?: string): void {
    const code = err instanceof ApiError ? err.code : 'internal';
    const reason = err instanceof Error ? err.message : String(err);
    const message = context ? `${context}: ${reason}` : reason;
    // The same failure reported twice (call rejected and job failed) shows once.
    if (this.#items.some((n) => n.message === message)) return;
    this.#items = [...this.#items, { id: this.#nextId++, message, code }];
  }

  dismiss(id: number): void {
    this.#items = this.#items.filter((n) => n.id !== id);
  }
}
