/**
 * Linear prediction by the autocorrelation method (Levinson-Durbin), with openSMILE's sign convention:
 * the predictor polynomial is 1 + a1·z^-1 + … + ap·z^-p and `a` holds a1..ap.
 */

/** r[lag] = Σ x[i]·x[i-lag] for lag = 0..r.length-1. */
export function autocorrelation(x: ArrayLike<number>, n: number, r: Float64Array): Float64Array {
  for (let lag = 0; lag < r.length; lag++) {
    let s = 0;
    for (let i = lag; i < n; i++) s += x[i] * x[i - lag];
    r[lag] = s;
  }
  return r;
}

/**
 * Solves for `order` coefficients from autocorrelation `r` into `a`; returns the prediction error.
 * A zero-energy frame yields all-zero coefficients (and error 0) rather than NaN.
 */
export function levinsonDurbin(r: ArrayLike<number>, order: number, a: Float64Array): number {
  a.fill(0, 0, order);
  let e = r[0];
  if (e === 0) return 0;
  for (let m = 1; m <= order; m++) {
    let sum = r[m];
    for (let i = 1; i < m; i++) sum += a[i - 1] * r[m - i];
    const k = -sum / e;
    a[m - 1] = k;
    const half = m >> 1;
    for (let i = 1; i <= half; i++) {
      const x = a[i - 1];
      a[i - 1] += k * a[m - i - 1];
      // The middle coefficient of an even-order step is updated once, not twice.
      if (i < half || (m & 1) === 1) a[m - i - 1] += k * x;
    }
    e *= 1 - k * k;
    if (e === 0) break;
  }
  return e;
}
