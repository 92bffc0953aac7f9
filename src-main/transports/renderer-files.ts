/** The built renderer's files, as browser mode and the Electron shell both serve them. */
import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

export const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * The path under `root` a URL path names (`/` names index.html), whether or not the file exists; null
 * when it is refused: a malformed escape, or a path that would leave `root` (encoded slashes and dots,
 * backslashes, NUL).
 */
export function rendererPath(root: string, pathname: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (/[\\\0]/.test(path)) return null;
  const base = resolve(root);
  const file = resolve(base, path.replace(/^\/+/, '') || 'index.html');
  return file.startsWith(base + sep) ? file : null;
}
