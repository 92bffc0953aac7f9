/**
 * Frame-wise classification metrics of the paper (section II-E) from a 7×7 confusion matrix,
 * rows = true class, columns = predicted class, both 1..7 mapped to index 0..6.
 */
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';

export type Confusion = number[][];

export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>): Confusion {
  if (truth.length !== predicted.length) throw new Error(`confusion: ${truth.length} true vs ${predicted.length} predicted frames`);
  const m = emptyConfusion();
  for (let i = 0; i < truth.length; i++) m[truth[i] - 1][predicted[i] - 1]++;
  return m;
}

export function emptyConfusion(): Confusion {
  return Array.from({ length: VALENCE_CLASS_COUNT }, () => new Array<number>(VALENCE_CLASS_COUNT).fill(0));
}

const total = (m: Confusion) => m.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);

/** Share of frames whose predicted class is within `tolerance` classes of the truth. */
function within(m: Confusion, tolerance: number): number {
  const n = total(m);
  if (n === 0) return NaN;
  let hit = 0;
  m.forEach((row, i) => row.forEach((x, j) => (hit += Math.abs(i - j) <= tolerance ? x : 0)));
  return hit / n;
}

export const accuracy = (m: Confusion): number => within(m, 0);

/** Acc±1: a prediction one class off still counts (paper's reference [7]). */
export const accuracyWithin1 = (m: Confusion): number => within(m, 1);

/** Recall of each class 1..7 (index 0..6); NaN where a class never occurs in the truth. */
export function perClassRecall(m: Confusion): number[] {
  return m.map((row, i) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? NaN : row[i] / n;
  });
}

/** Mean of the finite values; NaN when there are none (a class absent from every fold). */
export function finiteMean(xs: readonly number[]): number {
  const ok = xs.filter(Number.isFinite);
  return ok.length === 0 ? NaN : ok.reduce((a, b) => a + b, 0) / ok.length;
}
