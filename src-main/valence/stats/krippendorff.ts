/**
 * Krippendorff's alpha for interval data in its general form: any number of observers, missing
 * values (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). α = 1 − D_o / D_e over
 * the coincidence matrix of the pairable values (units with at least two values). Hand-written: the
 * one npm package for it is unmaintained, and the interval metric makes the computation linear (below).
 *
 * With δ²(c, k) = (c − k)², the sum over ordered pairs of a set of m values Σ_{i≠j} (x_i − x_j)² is
 * 2m·SS, SS being the set's sum of squared deviations from its mean. So, with n pairable values,
 *   D_o = (1/n) Σ_u Σ_{i≠j in u} (x_i − x_j)² / (m_u − 1) = (2/n) Σ_u m_u·SS_u / (m_u − 1)
 *   D_e = 1/(n(n−1)) Σ_{i≠j over all} (x_i − x_j)²       = 2·SS_all / (n − 1)
 * and no value-by-value matrix is needed (a 25 Hz trace has as many distinct values as frames).
 */

/** One array per coder, all as long as the number of units; NaN (or any non-finite) = not coded. */
export function krippendorffAlphaInterval(coders: readonly ArrayLike<number>[]): number {
  const units = coders.length === 0 ? 0 : coders[0].length;
  const pairable: number[][] = [];
  for (let u = 0; u < units; u++) {
    const values = coders.map((c) => c[u]).filter(Number.isFinite);
    if (values.length >= 2) pairable.push(values);
  }
  const all = pairable.flat();
  const n = all.length;
  const within = pairable.reduce((s, values) => s + (values.length * sumOfSquares(values)) / (values.length - 1), 0);
  const dObserved = (2 * within) / n;
  const dExpected = (2 * sumOfSquares(all)) / (n - 1);
  return 1 - dObserved / dExpected;
}

/** Σ (x − x̄)², two-pass so long traces of near-equal values lose no precision. */
function sumOfSquares(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - mean) ** 2, 0);
}
