/**
 * The vs-app: protocol: the built renderer's files, with the same security headers as browser mode.
 * Electron-free (web Request/Response only), so it is tested in plain Node.
 */
import { statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileResponse } from '../transports/media-range.js';
import { securityHeaders } from '../transports/security-headers.js';
import { isAppUrl } from './shell-policy.js';

const exists = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * The file under `root` that an app URL names, index.html for an unknown path without an extension (a
 * route of the page), or null: another origin, a missing asset, or a path that would leave `root`
 * (encoded slashes and dots, backslashes, NUL).
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(path)) return null;
  const base = resolve(root);
  const file = resolve(base, path.replace(/^\/+/, '') || 'index.html');
  if (!file.startsWith(base + sep)) return null;
  if (exists(file)) return file;
  const index = join(base, 'index.html');
  return extname(file) === '' && exists(index) ? index : null;
}

/** Movies come from vs-media:, another origin; the API goes over IPC, so nothing is fetched but the app's own files. */
const HEADERS = securityHeaders({ media: "'self' blob: vs-media:", connect: "'self'" });

export function appResponse(root: string, request: Request): Response {
  const file = resolveAppFile(root, request.url);
  if (!file) return new Response('not found (is the renderer built? npm run build:renderer)', { status: 404, headers: { ...HEADERS, 'Content-Type': 'text/plain' } });
  return fileResponse(file, request.headers.get('range'), { ...HEADERS, 'Cache-Control': 'no-cache' });
}
