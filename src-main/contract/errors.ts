import type { ApiErrorPayload } from './api.js';

/** An error meant for the person at the keyboard: its message is shown as is. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorPayload['code'],
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toPayload(): ApiErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export const badRequest = (message: string) => new AppError('bad_request', message);
export const notFound = (message: string) => new AppError('not_found', message);
export const badMedia = (message: string) => new AppError('bad_media', message);
export const conflict = (message: string) => new AppError('conflict', message);

/** Anything thrown becomes a payload; unexpected errors keep their message but are marked internal. */
export function toErrorPayload(err: unknown): ApiErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}
