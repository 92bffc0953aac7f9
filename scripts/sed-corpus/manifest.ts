// manifest.tsv / LICENCES.md writers and the human-sounds duplicate index.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageSpec } from './packages.js';

export const COLUMNS = ['file', 'role', 'category', 'label', 'sex', 'package', 'source_path', 'licence',
  'duration_s', 'f0_hz', 'in_human_sounds'] as const;
export type Row = Record<(typeof COLUMNS)[number], string>;
export const MANIFEST_HEADER = COLUMNS.join('\t');

export function rowToLine(row: Row): string {
  return COLUMNS.map((c) => row[c].replace(/[\t\n]/g, ' ')).join('\t');
}

/** "<pkg>\t<source_path>" keys of files the project already has in shared/data/human-sounds. */
export function loadHumanSounds(path: string): Set<string> {
  const keys = new Set<string>();
  if (!existsSync(path)) {
    console.warn(`[human-sounds] ${path} not found: in_human_sounds will be "no" everywhere`);
    return keys;
  }
  const [head, ...lines] = readFileSync(path, 'utf8').split('\n');
  const cols = head.split('\t');
  const src = cols.indexOf('source');
  const sp = cols.indexOf('source_path');
  for (const line of lines) {
    const f = line.split('\t');
    if (f[src]?.startsWith('debian:')) keys.add(`${f[src].slice(7)}\t${f[sp]}`);
  }
  return keys;
}

function stateRows(out: string, spec: PackageSpec): string[] {
  const p = join(out, 'state', `${spec.pkg}__${spec.role}.tsv`);
  return existsSync(p) ? readFileSync(p, 'utf8').split('\n').slice(1).filter(Boolean) : [];
}

/** Rebuilds manifest.tsv from every finished (package, role); returns the row count. */
export function writeManifest(out: string, specs: PackageSpec[]): number {
  const rows = specs.flatMap((s) => stateRows(out, s));
  writeFileSync(join(out, 'manifest.tsv'), [MANIFEST_HEADER, ...rows].join('\n') + '\n');
  return rows.length;
}

export function writeLicences(out: string, specs: PackageSpec[]): void {
  const lines = [
    '# Licences of the mined Debian audio',
    '',
    'Every clip comes from a package in Debian main (bookworm). The `licence` column of',
    'manifest.tsv is the summary of the package copyright file below; read the full text',
    'before redistributing. CC-BY / CC-BY-SA material needs attribution: see the copyright files.',
    '',
    '| package | role | version | licence (copyright file summary) | curated licence of used files | full text |',
    '|---|---|---|---|---|---|',
  ];
  for (const s of specs) {
    const meta = join(out, 'state', `${s.pkg}__${s.role}.meta`);
    if (!existsSync(meta)) continue;
    const [version, summary] = readFileSync(meta, 'utf8').trim().split('\t');
    lines.push(`| ${s.pkg} | ${s.role} | ${version} | ${summary} | ${s.licence} | ` +
      `pkgs/${s.pkg}/usr/share/doc/${s.pkg}/copyright |`);
  }
  writeFileSync(join(out, 'LICENCES.md'), lines.join('\n') + '\n');
}
