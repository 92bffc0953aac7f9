/**
 * The vs-app: protocol: the built renderer's files, with the same security headers as browser mode.
 * Electron-free (web Request/Response only), so it is tested in plain Node.
 */
import { extname, join } from 'node:path';
import { fileResponse } from '../transports/media-range.js';
import { isFile, rendererPath } from '../transports/renderer-files.js';
import { securityHeaders } from '../transports/security-headers.js';
import { isAppUrl } from './shell-policy.js';

/**
 * The file under `root` that an app URL names, index.html for an unknown path without an extension (a
 * route of the page), or null: another origin, a missing asset, or a path that would leave `root`
 * (encoded slashes and dots, backslashes, NUL).
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const file = rendererPath(root, new URL(url).pathname);
  if (!file) return null;
  if (isFile(file)) return file;
  // An unknown path without an extension is a route of the page; one with an extension is a missing asset.
  const index = join(root, 'index.html');
  return extname(file) === '' && isFile(index) ? index : null;
}

/** Movies come from vs-media:, another origin; the API goes over IPC, so nothing is fetched but the app's own files. */
const HEADERS = securityHeaders({ media: "'self' blob: vs-media:", connect: "'self'" });

export function appResponse(root: string, request: Request): Response {
  const file = resolveAppFile(root, request.url);
  if (!file) return new Response('not found (is the renderer built? npm run build:renderer)', { status: 404, headers: { ...HEADERS, 'Content-Type': 'text/plain' } });
  return fileResponse(file, request.headers.get('range'), { ...HEADERS, 'Cache-Control': 'no-cache' });
}
