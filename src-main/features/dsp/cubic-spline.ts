/**
 * Natural cubic spline interpolation from fixed knots to fixed query points (Numerical Recipes'
 * spline/splint). Everything that depends only on the x positions is precomputed once, so each frame
 * costs two linear passes.
 */

export interface SplineResampler {
  apply(y: ArrayLike<number>, out: Float64Array | Float32Array): void;
}

/** `knots` strictly increasing; every query must lie within [knots[0], knots[last]]. */
export function createSplineResampler(knots: Float64Array, queries: Float64Array): SplineResampler {
  const n = knots.length;
  const sigma = new Float64Array(n);
  const diff1 = new Float64Array(n);
  const diff2 = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    sigma[i] = (knots[i] - knots[i - 1]) / (knots[i + 1] - knots[i - 1]);
    diff1[i] = (knots[i + 1] - knots[i]) * (knots[i + 1] - knots[i - 1]);
    diff2[i] = (knots[i] - knots[i - 1]) * (knots[i + 1] - knots[i - 1]);
  }

  const m = queries.length;
  const lower = new Int32Array(m);
  const coeffs = new Float64Array(m * 3);
  let upper = 1;
  for (let i = 0; i < m; i++) {
    while (upper < n - 1 && knots[upper] < queries[i]) upper++;
    const lo = upper - 1;
    const range = knots[upper] - knots[lo];
    const a = (knots[upper] - queries[i]) / range;
    const b = 1 - a;
    const r2 = (range * range) / 6;
    lower[i] = lo;
    coeffs[3 * i] = a;
    coeffs[3 * i + 1] = (a * a * a - a) * r2;
    coeffs[3 * i + 2] = (b * b * b - b) * r2;
  }

  const y2 = new Float64Array(n);
  const u = new Float64Array(n);
  return {
    apply(y, out) {
      y2[0] = 0;
      u[0] = 0;
      for (let i = 1; i < n - 1; i++) {
        const s = sigma[i];
        const p = 1 / (s * y2[i - 1] + 2);
        y2[i] = (s - 1) * p;
        const t = (y[i + 1] - y[i]) / diff1[i] - (y[i] - y[i - 1]) / diff2[i];
        u[i] = p * (6 * t - s * u[i - 1]);
      }
      y2[n - 1] = 0;
      for (let j = n - 2; j >= 0; j--) y2[j] = y2[j] * y2[j + 1] + u[j];
      for (let i = 0; i < m; i++) {
        const k = lower[i];
        const a = coeffs[3 * i];
        out[i] = a * y[k] + (1 - a) * y[k + 1] + coeffs[3 * i + 1] * y2[k] + coeffs[3 * i + 2] * y2[k + 1];
      }
    },
  };
}
