/**
 * Intraclass correlations of a two-way layout (targets × judges) after Shrout & Fleiss (1979) and
 * McGraw & Wong (1996), and Cronbach's alpha with the judges as items. Written out by hand: no
 * well-kept npm package computes these, and each is a few sums of squares.
 *
 * Input is one column per judge, every column the same length (one value per target), no gaps.
 */

export interface Icc {
  /** ICC(2,1): two-way random effects, absolute agreement, one judge (McGraw & Wong ICC(A,1)). */
  icc_2_1: number;
  /** ICC(2,k): as ICC(2,1) for the mean of the k judges (ICC(A,k)). */
  icc_2_k: number;
  /** ICC(3,1): two-way mixed effects, consistency, one judge (ICC(C,1)). */
  icc_3_1: number;
  /** ICC(3,k): as ICC(3,1) for the mean of the k judges (ICC(C,k)); equals Cronbach's alpha. */
  icc_3_k: number;
}

interface MeanSquares {
  /** Between targets, n − 1 degrees of freedom. */
  bms: number;
  /** Between judges, k − 1 degrees of freedom. */
  jms: number;
  /** Residual, (n − 1)(k − 1) degrees of freedom. */
  ems: number;
}

function meanSquares(judges: readonly ArrayLike<number>[]): MeanSquares {
  const k = judges.length;
  const n = judges[0].length;
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(k);
  let grand = 0;
  judges.forEach((col, j) => {
    for (let i = 0; i < n; i++) {
      rowMean[i] += col[i] / k;
      colMean[j] += col[i] / n;
    }
    grand += colMean[j] / k;
  });
  let ssTotal = 0;
  for (const col of judges) for (let i = 0; i < n; i++) ssTotal += (col[i] - grand) ** 2;
  const ssRows = k * rowMean.reduce((s, m) => s + (m - grand) ** 2, 0);
  const ssCols = n * colMean.reduce((s, m) => s + (m - grand) ** 2, 0);
  const ssError = ssTotal - ssRows - ssCols;
  return { bms: ssRows / (n - 1), jms: ssCols / (k - 1), ems: ssError / ((n - 1) * (k - 1)) };
}

/** Shrout & Fleiss (1979) Table 1 formulas; NaN where a denominator is 0 (no variance at all). */
export function twoWayIcc(judges: readonly ArrayLike<number>[]): Icc {
  const k = judges.length;
  const n = judges[0].length;
  const { bms, jms, ems } = meanSquares(judges);
  return {
    icc_2_1: (bms - ems) / (bms + (k - 1) * ems + (k * (jms - ems)) / n),
    icc_2_k: (bms - ems) / (bms + (jms - ems) / n),
    icc_3_1: (bms - ems) / (bms + (k - 1) * ems),
    icc_3_k: (bms - ems) / bms,
  };
}

function sampleVariance(x: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i] / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) ** 2;
  return ss / (x.length - 1);
}

/** Cronbach (1951): α = k/(k−1) · (1 − Σ var(item) / var(Σ items)), sample variances. */
export function cronbachAlpha(items: readonly ArrayLike<number>[]): number {
  const k = items.length;
  const n = items[0].length;
  const totals = new Float64Array(n);
  for (const item of items) for (let i = 0; i < n; i++) totals[i] += item[i];
  const itemVariance = items.reduce((s, item) => s + sampleVariance(item), 0);
  return (k / (k - 1)) * (1 - itemVariance / sampleVariance(totals));
}
