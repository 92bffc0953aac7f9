/**
 * Pairwise agreement of two equally long series: Pearson's r and Lin's (1989) concordance
 * correlation coefficient, and their means over every pair of raters. Hand-written: each is one pass
 * of moments, and Lin's needs the population (1/n) moments that general statistics packages don't use.
 */

interface Moments {
  meanX: number;
  meanY: number;
  /** Population (1/n) variances and covariance. */
  varX: number;
  varY: number;
  cov: number;
}

function moments(x: ArrayLike<number>, y: ArrayLike<number>): Moments {
  const n = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i] / n;
    meanY += y[i] / n;
  }
  let varX = 0;
  let varY = 0;
  let cov = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    varX += (dx * dx) / n;
    varY += (dy * dy) / n;
    cov += (dx * dy) / n;
  }
  return { meanX, meanY, varX, varY, cov };
}

/** Pearson's r; NaN when either series is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const m = moments(x, y);
  return m.cov / Math.sqrt(m.varX * m.varY);
}

/** Lin's ρc = 2·s_xy / (s_x² + s_y² + (x̄ − ȳ)²); NaN only when both series are the same constant. */
export function linCcc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const m = moments(x, y);
  return (2 * m.cov) / (m.varX + m.varY + (m.meanX - m.meanY) ** 2);
}

/** Mean of `coefficient` over every unordered pair of raters. */
export function meanPairwise(raters: readonly ArrayLike<number>[], coefficient: (x: ArrayLike<number>, y: ArrayLike<number>) => number): number {
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < raters.length; a++)
    for (let b = a + 1; b < raters.length; b++) {
      sum += coefficient(raters[a], raters[b]);
      pairs++;
    }
  return sum / pairs;
}
