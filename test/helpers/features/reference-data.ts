/**
 * Loading and comparing against the openSMILE emobase2010 reference outputs in ../shared (described in
 * its README). Test helper, not a test: the runner only picks up *.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const referenceDir = path.join(sharedDir, 'reference', 'opensmile-emobase2010');
export const haveReference = existsSync(path.join(referenceDir, 'README.md'));

export const CLIPS = ['a_speech_male_en_5s', 'b_speech_female_en_f3_5s', 'c_white_noise_5s', 'd_sine440_tremolo5Hz_5s'] as const;
export type Clip = (typeof CLIPS)[number];
export const SPEECH_CLIPS: Clip[] = ['a_speech_male_en_5s', 'b_speech_female_en_f3_5s'];

export interface CsvTable {
  header: string[];
  /** Leading non-numeric columns (name, frameIndex, frameTime) as text. */
  keys: string[][];
  /** Numeric columns, row-major. */
  values: number[][];
}

/** Reads an openSMILE CSV; the first `keyColumns` columns are kept as text. */
export function readCsv(file: string, keyColumns: number): CsvTable {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0].split(';').slice(keyColumns);
  const rows = lines.slice(1).map((l) => l.split(';'));
  return { header, keys: rows.map((r) => r.slice(0, keyColumns)), values: rows.map((r) => r.slice(keyColumns).map(Number)) };
}

export const referenceWav = (clip: Clip) => path.join(referenceDir, 'wav', `${clip}.wav`);
export const referenceFramewise = (clip: Clip) => readCsv(path.join(referenceDir, 'framewise_400ms_40ms', `${clip}.csv`), 2);
export const referenceWholeFile = (clip: Clip) => readCsv(path.join(referenceDir, 'functionals_wholefile', `${clip}.csv`), 2);
export const referenceLld = (clip: Clip) => readCsv(path.join(referenceDir, 'lld_10ms', `${clip}_lld.csv`), 3);
export const referenceNames = (file: string) => readFileSync(path.join(referenceDir, file), 'utf8').trim().split('\n').map((s) => s.trim());

export function column(rows: ArrayLike<number>[], c: number): number[] {
  return Array.from(rows, (r) => r[c]);
}

export function mean(x: number[]): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}

export function std(x: number[]): number {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) * (b - m), 0) / x.length);
}

export function pearson(x: number[], y: number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Agreement of one dimension across rows: Pearson correlation; a dimension that is constant in either
 * output has no correlation, so it scores 1 if the values agree (1e-3 relative, 1e-6 absolute) and 0 if not.
 */
export function agreement(mine: number[], ref: number[]): number {
  if (std(ref) === 0 || std(mine) === 0) {
    return mine.every((v, i) => Math.abs(v - ref[i]) <= 1e-6 + 1e-3 * Math.abs(ref[i])) ? 1 : 0;
  }
  return pearson(mine, ref);
}

/** |mean(mine) - mean(ref)| relative to the reference's scale (its |mean| or spread, whichever is larger). */
export function meanRelativeError(mine: number[], ref: number[]): number {
  const scale = Math.max(Math.abs(mean(ref)), std(ref), 1e-9);
  return Math.abs(mean(mine) - mean(ref)) / scale;
}

export function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Feature group of a functional or LLD column name, for reporting. */
export function groupOf(name: string): string {
  const groups = ['pcm_loudness', 'pcm_fftMag_mfcc', 'logMelFreqBand', 'lspFreq', 'F0finEnv', 'voicingFinalUnclipped', 'F0final__Turn', 'F0final', 'jitterLocal', 'jitterDDP', 'shimmerLocal'];
  return groups.find((g) => name.startsWith(g)) ?? 'other';
}
