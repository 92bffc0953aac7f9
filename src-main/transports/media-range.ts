/** Serves a file with HTTP Range support, which the video element needs to seek without downloading all. */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';

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

export function sendFileWithRanges(req: IncomingMessage, res: ServerResponse, path: string, extraHeaders: Record<string, string> = {}): void {
  const size = statSync(path).size;
  const headers = { 'Content-Type': mimeOf(path), 'Accept-Ranges': 'bytes', ...extraHeaders };
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}` });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'Content-Length': end - start + 1,
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) res.end();
  else createReadStream(path, { start, end }).pipe(res);
}
