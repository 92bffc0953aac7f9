// Packages reserved for independent evaluation must never enter this corpus. The list is
// ../shared/reserved-packages.txt (relative to the repo root), the project's one source; the repo
// keeps no copy of the names, and without the file nothing is mined.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export interface ReservedList {
  patterns: string[];
  match(pkg: string): string | null;
}

export function loadReserved(repoRoot: string): ReservedList {
  const sharedPath = resolve(repoRoot, '../shared/reserved-packages.txt');
  if (!existsSync(sharedPath)) {
    throw new Error(`${sharedPath} not found: mining needs the reserved-package list, so that no reserved audio enters the corpus`);
  }
  const patterns = readFileSync(sharedPath, 'utf8')
    .split('\n')
    .map((raw) => raw.replace(/#.*/, '').trim())
    .filter(Boolean);
  const compiled = patterns.map((p) => ({ p, re: globToRegExp(p) }));
  return {
    patterns,
    match: (pkg) => compiled.find(({ re }) => re.test(pkg))?.p ?? null,
  };
}

/** Throws (fails the whole run) if the package is reserved. */
export function assertNotReserved(list: ReservedList, pkg: string): void {
  const hit = list.match(pkg);
  if (hit) {
    throw new Error(`REFUSING reserved package "${pkg}" (matches "${hit}"): it is kept for independent evaluation`);
  }
}
