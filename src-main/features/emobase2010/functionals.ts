/**
 * The statistics emobase2010 takes of each LLD contour, with openSMILE's exact definitions (cFunctionals
 * with Extremes, Regression, Moments, Percentiles and Times). Contours are single precision as in
 * openSMILE, and the few comparisons whose outcome depends on rounding (level thresholds, interpolated
 * percentiles) are evaluated in single precision too.
 */

/** The 21 functionals of the 34 main LLDs and their deltas, in output order. */
export const FUNCTIONALS = [
  'maxPos', 'minPos', 'amean', 'linregc1', 'linregc2', 'linregerrA', 'linregerrQ', 'stddev', 'skewness', 'kurtosis',
  'quartile1', 'quartile2', 'quartile3', 'iqr1-2', 'iqr2-3', 'iqr1-3', 'percentile1.0', 'percentile99.0', 'pctlrange0-1',
  'upleveltime75', 'upleveltime90',
] as const;

/** The 19 functionals of the pitch-synchronous LLDs (voiced frames only): no 1st percentile, no range. */
export const VOICED_FUNCTIONALS = FUNCTIONALS.filter((f) => f !== 'percentile1.0' && f !== 'pctlrange0-1');

const f32 = Math.fround;
const F32_0_75 = f32(0.75);
const F32_0_9 = f32(0.9);

/** Reusable buffers so a stream of windows allocates nothing. */
export class FunctionalsScratch {
  values: Float32Array;
  sorted: Float32Array;
  constructor(capacity = 64) {
    this.values = new Float32Array(capacity);
    this.sorted = new Float32Array(capacity);
  }
  ensure(n: number): void {
    if (this.values.length >= n) return;
    this.values = new Float32Array(n);
    this.sorted = new Float32Array(n);
  }
}

/**
 * Writes the 21 functionals of x[start + i·stride] for i = 0..n-1 to out[offset..]; with `voicedOnly`,
 * zeros are dropped first and the 19 voiced functionals are written (all 0 if nothing is left).
 */
export function contourFunctionals(
  x: ArrayLike<number>,
  start: number,
  n: number,
  stride: number,
  voicedOnly: boolean,
  out: Float32Array | Float64Array,
  offset: number,
  scratch: FunctionalsScratch,
): void {
  scratch.ensure(n);
  const v = scratch.values;
  let m = 0;
  for (let i = 0, j = start; i < n; i++, j += stride) {
    const value = x[j];
    if (!voicedOnly || value !== 0) v[m++] = value;
  }
  const count = voicedOnly ? VOICED_FUNCTIONALS.length : FUNCTIONALS.length;
  if (m === 0) {
    out.fill(0, offset, offset + count);
    return;
  }
  writeFunctionals(v, m, scratch.sorted, !voicedOnly, out, offset);
}

function writeFunctionals(v: Float32Array, n: number, sorted: Float32Array, lowPercentile: boolean, out: Float32Array | Float64Array, o: number): void {
  let min = v[0];
  let max = v[0];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
  }
  const mean = f32(sum / n);
  let maxPos = -1;
  let minPos = -1;
  for (let i = 0; i < n && (maxPos < 0 || minPos < 0); i++) {
    if (maxPos < 0 && v[i] === max) maxPos = i;
    if (minPos < 0 && v[i] === min) minPos = i;
  }
  out[o++] = maxPos / n;
  out[o++] = minPos / n;
  out[o++] = mean;

  // Least-squares line over x = 0..n-1 (openSMILE's closed form).
  let num = 0;
  for (let i = 0; i < n; i++) num += v[i] * i;
  let slope = 0;
  let offsetT = v[0];
  if (n > 1) {
    const s1 = (n * (n - 1)) / 2;
    const s2 = (n * (n - 1) * (2 * n - 1)) / 6;
    const d = n - (s1 * s1) / s2;
    offsetT = d === 0 ? 0 : (mean * n - (num * s1) / s2) / d;
    slope = (num - offsetT * s1) / s2;
  }
  let errA = 0;
  let errQ = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const e = v[i] - (slope * i + offsetT);
    errA += Math.abs(e);
    errQ += e * e;
    const d = v[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  out[o++] = slope;
  out[o++] = offsetT;
  out[o++] = errA / n;
  out[o++] = errQ / n;
  m2 /= n;
  const sd = Math.sqrt(m2);
  out[o++] = m2 > 0 ? sd : 0;
  out[o++] = m2 > 0 ? m3 / (n * m2 * sd) : 0;
  out[o++] = m2 > 0 ? m4 / (n * m2 * m2) : 0;

  sortInto(v, n, sorted);
  const q1 = percentile(sorted, n, 0.25);
  const q2 = percentile(sorted, n, 0.5);
  const q3 = percentile(sorted, n, 0.75);
  out[o++] = q1;
  out[o++] = q2;
  out[o++] = q3;
  out[o++] = f32(q2 - q1);
  out[o++] = f32(q3 - q2);
  out[o++] = f32(q3 - q1);
  const p99 = percentile(sorted, n, 0.99);
  if (lowPercentile) {
    const p1 = percentile(sorted, n, 0.01);
    out[o++] = p1;
    out[o++] = p99;
    out[o++] = f32(Math.abs(p99 - p1));
  } else {
    out[o++] = p99;
  }

  const range = f32(max - min);
  const l75 = f32(f32(F32_0_75 * range) + min);
  const l90 = f32(f32(F32_0_9 * range) + min);
  let above75 = 0;
  let above90 = 0;
  for (let i = 0; i < n; i++) {
    if (v[i] > l75) above75++;
    if (v[i] > l90) above90++;
  }
  out[o++] = above75 / n;
  out[o] = above90 / n;
}

/** Linearly interpolated percentile p of the n sorted values, in single precision. */
function percentile(sorted: Float32Array, n: number, p: number): number {
  const idx = p * (n - 1);
  const i1 = Math.min(n - 1, Math.max(0, Math.floor(idx)));
  const i2 = Math.min(n - 1, Math.max(0, Math.ceil(idx)));
  if (i1 === i2) return sorted[i1];
  return f32(f32(sorted[i1] * f32(i2 - idx)) + f32(sorted[i2] * f32(idx - i1)));
}

/** Copies and sorts ascending: insertion sort for the few dozen values of a window, native otherwise. */
function sortInto(v: Float32Array, n: number, sorted: Float32Array): void {
  if (n > 64) {
    sorted.set(v.subarray(0, n));
    sorted.subarray(0, n).sort();
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = v[i];
    let j = i - 1;
    while (j >= 0 && sorted[j] > x) {
      sorted[j + 1] = sorted[j];
      j--;
    }
    sorted[j + 1] = x;
  }
}

/** Number of rises of x above 0 after its first value (openSMILE's Onset functional, threshold 0). */
export function countOnsets(x: ArrayLike<number>, start: number, n: number): number {
  let above = x[start] > 0;
  let onsets = 0;
  for (let i = 1; i < n; i++) {
    const v = x[start + i];
    if (v > 0 && !above) {
      onsets++;
      above = true;
    } else if (v <= 0 && above) {
      above = false;
    }
  }
  return onsets;
}
