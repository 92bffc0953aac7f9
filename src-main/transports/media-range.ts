/**
 * Serves a file with HTTP Range support, which the video element needs to seek without downloading all:
 * to a Node response (browser mode) or as a web Response (Electron's protocol handlers).
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { Readable } from 'node:stream';

const MIME: Record<string, string> = {
  '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm', '.mkv': 'video/x-matroska',
  '.ogv': 'video/ogg', '.avi': 'video/x-msvideo', '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.flac': 'audio/flac',
  '.ogg': 'audio/ogg', '.m4a': 'audio/mp4', '.aac': 'audio/aac', '.opus': 'audio/ogg',
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.wasm': 'application/wasm',
};

export const mimeOf = (path: string) => MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** The byte range a Range header asks for, 'unsatisfiable', or null for the whole file. */
export function parseRange(header: string | undefined | null, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const start = Math.max(0, m[1] === '' ? size - Number(m[2]) : Number(m[1]));
  const end = Math.min(size - 1, m[1] === '' || m[2] === '' ? size - 1 : Number(m[2]));
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

export interface RangeResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  /** Inclusive byte window to send (createReadStream's convention), or null when the body is empty. */
  window: { start: number; end: number } | null;
}

/**
 * Status, headers and bytes for a file of `size` bytes. An empty file has no byte to point at, so a
 * Range on it is unsatisfiable and a plain request gets an empty body, never a {start: 0, end: -1} window.
 */
export function rangeResponse(size: number, rangeHeader: string | undefined | null): RangeResponse {
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') return { status: 416, headers: { 'Content-Range': `bytes */${size}` }, window: null };
  const window = range ?? (size > 0 ? { start: 0, end: size - 1 } : null);
  const length = window ? window.end - window.start + 1 : 0;
  return {
    status: range ? 206 : 200,
    headers: {
      'Accept-Ranges': 'bytes',
      'Content-Length': String(length),
      ...(range ? { 'Content-Range': `bytes ${range.start}-${range.end}/${size}` } : {}),
    },
    window,
  };
}

/** A 416 carries no body, so not the file's Content-Type either. */
const headersOf = (r: RangeResponse, path: string, extraHeaders: Record<string, string>) =>
  r.status === 416 ? { ...extraHeaders, ...r.headers } : { 'Content-Type': mimeOf(path), ...extraHeaders, ...r.headers };

export function sendFileWithRanges(req: IncomingMessage, res: ServerResponse, path: string, extraHeaders: Record<string, string> = {}): void {
  const r = rangeResponse(statSync(path).size, req.headers.range);
  res.writeHead(r.status, headersOf(r, path, extraHeaders));
  if (req.method === 'HEAD' || !r.window) res.end();
  else createReadStream(path, r.window).pipe(res);
}

/** The same as a web Response, for Electron's protocol.handle. */
export function fileResponse(path: string, rangeHeader: string | null, extraHeaders: Record<string, string> = {}): Response {
  const r = rangeResponse(statSync(path).size, rangeHeader);
  const body = r.window ? (Readable.toWeb(createReadStream(path, r.window)) as ReadableStream) : null;
  return new Response(body, { status: r.status, headers: headersOf(r, path, extraHeaders) });
}
