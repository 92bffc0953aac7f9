/** Small HTTP plumbing for browser mode: answers, and request bodies read within a limit. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorPayload } from '../contract/api.js';

/** A refusal with its own HTTP status (413, 411, 507) rather than one derived from an API error code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toPayload(): ApiErrorPayload {
    return { code: this.status >= 500 ? 'internal' : 'bad_request', message: this.message };
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

/**
 * Closing after a refusal stops a client that is still sending; otherwise Node would read the rest of
 * a body we do not want, however large, to keep the connection alive.
 */
export function sendRefusal(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { error: err.toPayload() }, { Connection: 'close' });
}

/** The declared Content-Length, or null when the client streams without one. */
export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  return header === undefined ? null : Number(header);
}

export function tooLarge(what: string, limit: number): HttpError {
  return new HttpError(413, `${what} is larger than the ${formatBytes(limit)} this server accepts`);
}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  if ((declaredLength(req) ?? 0) > limit) throw tooLarge('the request body', limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw tooLarge('the request body', limit);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${units[i]}`;
}
