// Packages reserved for independent evaluation must never enter this corpus.
// The hard-coded list mirrors the brief; ../shared/reserved-packages.txt (relative
// to the repo root) is the project's living list and is merged in when present.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const HARD_CODED = [
  'asterisk-core-sounds-fr*', 'asterisk-core-sounds-it*', 'btanks-data', 'crossfire-client',
  'dustracing2d-data', 'hannah-data', 'netpanzer-data', 'plee-the-bear-data', 'tkabber',
  'trackballs-data', 'warmux-data', 'wesnoth-*', 'xemacs21-basesupport',
];

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export interface ReservedList {
  patterns: string[];
  sharedFile: string | null;
  match(pkg: string): string | null;
}

export function loadReserved(repoRoot: string): ReservedList {
  const sharedPath = resolve(repoRoot, '../shared/reserved-packages.txt');
  const patterns = [...HARD_CODED];
  let sharedFile: string | null = null;
  if (existsSync(sharedPath)) {
    sharedFile = sharedPath;
    for (const raw of readFileSync(sharedPath, 'utf8').split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (line) patterns.push(line);
    }
  } else {
    console.warn(`[reserved] ${sharedPath} not found: using the hard-coded list only`);
  }
  const compiled = patterns.map((p) => ({ p, re: globToRegExp(p) }));
  return {
    patterns,
    sharedFile,
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
