/**
 * A comparison as the side-by-side table shows it: one row per figure (A, B and B − A), the pooled
 * figures first, then per class or per film, then each model's own recorded held-out figure. Pure.
 */
import type { DetectorComparison, ModelComparison, ValenceComparison, ValenceScores } from '../../../../src-main/contract/compare.js';

export interface CompareRow {
  key: string;
  /** What the row measures, in words. */
  metric: string;
  /** 'main': the pooled figures; 'part': a class or a film; 'recorded': each model's own held-out material. */
  kind: 'main' | 'part' | 'recorded';
  a: number | null;
  b: number | null;
}

const classWords = (label: string) => label.replace('_', ' ');

function detectorRows(c: DetectorComparison): CompareRow[] {
  return [
    { key: 'macro', metric: `Macro segment F1 · ${c.material.films} film${c.material.films === 1 ? '' : 's'}`, kind: 'main', a: c.overall.a, b: c.overall.b },
    ...c.classes.map((x): CompareRow => ({ key: `class:${x.label}`, metric: `${classWords(x.label)} F1 (${x.reference} s curated)`, kind: 'part', a: x.a, b: x.b })),
    ...c.films.map((f): CompareRow => ({ key: `film:${f.movieId}`, metric: `${f.title} · macro F1`, kind: 'part', a: f.a, b: f.b })),
  ];
}

function valenceRows(c: ValenceComparison): CompareRow[] {
  const pair = (key: string, metric: string, kind: CompareRow['kind'], a: ValenceScores, b: ValenceScores): CompareRow[] => [
    { key: `${key}:acc`, metric: `${metric} · Acc`, kind, a: a.acc, b: b.acc },
    { key: `${key}:acc1`, metric: `${metric} · Acc±1`, kind, a: a.acc1, b: b.acc1 },
  ];
  return [
    ...pair('all', `${c.films.length} film${c.films.length === 1 ? '' : 's'}`, 'main', c.overall.a, c.overall.b),
    ...c.films.flatMap((f) => pair(`film:${f.movieId}`, f.title, 'part', f.a, f.b)),
  ];
}

export function compareRows(c: ModelComparison): CompareRow[] {
  const recorded: CompareRow = {
    key: 'recorded',
    metric: `Recorded held-out ${c.metric} (each on its own material)`,
    kind: 'recorded',
    a: c.a.recorded.value,
    b: c.b.recorded.value,
  };
  return [...(c.role === 'valence' ? valenceRows(c) : detectorRows(c)), recorded];
}

/** B − A, signed; empty when either is missing. */
export function differenceText(row: Pick<CompareRow, 'a' | 'b'>): string {
  if (row.a === null || row.b === null || !Number.isFinite(row.a) || !Number.isFinite(row.b)) return '';
  const d = row.b - row.a;
  if (Math.abs(d) < 5e-4) return '±0.000';
  return `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(3)}`;
}

export const figureText = (x: number | null): string => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(3));

/** Which side scored higher, for emphasis; null on a tie or a missing figure. */
export function better(row: Pick<CompareRow, 'a' | 'b'>): 'a' | 'b' | null {
  if (differenceText(row) === '' || differenceText(row) === '±0.000') return null;
  return row.b! > row.a! ? 'b' : 'a';
}
