/**
 * Paired t-tests over folds (same held-out movies) between grid cells, as in the paper's section
 * III-A: each cell with sound semantics against the DNN baseline with the same events, and each
 * model with sound semantics against itself without.
 */
import { cellKey, type CellResult } from '../training/grid.js';
import { pairedTTest } from './student-t.js';

export interface Comparison {
  a: string;
  b: string;
  /** Mean of acc(a) − acc(b) over folds. */
  meanDifference: number | null;
  t: number | null;
  p: number | null;
  folds: number;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

export function compare(a: CellResult, b: CellResult): Comparison | null {
  const shared = a.folds.filter((f) => b.folds.some((g) => g.movieId === f.movieId));
  if (shared.length < 2) return null;
  const accA = shared.map((f) => f.acc);
  const accB = shared.map((f) => b.folds.find((g) => g.movieId === f.movieId)!.acc);
  const r = pairedTTest(accA, accB);
  return { a: cellKey(a.model, a.events), b: cellKey(b.model, b.events), meanDifference: finite(r.meanDifference), t: finite(r.t), p: finite(r.p), folds: r.n };
}

export function significance(cells: CellResult[]): Comparison[] {
  const find = (model: string, events: string) => cells.find((c) => c.model === model && c.events === events && c.folds.length > 0);
  const out: Comparison[] = [];
  for (const c of cells) {
    if (c.events === 'none' || c.folds.length === 0) continue;
    const baseline = c.model !== 'dnn' ? find('dnn', c.events) : undefined;
    const without = find(c.model, 'none');
    for (const other of [baseline, without]) {
      const r = other ? compare(c, other) : null;
      if (r) out.push(r);
    }
  }
  return out;
}
