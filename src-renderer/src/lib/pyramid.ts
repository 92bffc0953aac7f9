/**
 * Min/max pyramids: each level halves the previous one, so any zoom reads about one sample per pixel
 * column instead of scanning the whole signal. A 2-hour valence curve (180,000 samples) drawn at 1,200 px
 * reads ~2,400 samples per frame instead of 180,000.
 */

export interface MinMaxLevel {
  /** Samples per second at this level. */
  rate: number;
  min: Float32Array;
  max: Float32Array;
}

export type Pyramid = MinMaxLevel[];

/** NaN means "no data" (unlabelled valence); it never wins a comparison, so gaps survive only where all are NaN. */
function pairMin(a: number, b: number): number {
  if (a !== a) return b;
  if (b !== b) return a;
  return a < b ? a : b;
}
function pairMax(a: number, b: number): number {
  if (a !== a) return b;
  if (b !== b) return a;
  return a > b ? a : b;
}

export function buildPyramid(min: Float32Array, max: Float32Array, rate: number): Pyramid {
  const levels: Pyramid = [{ rate, min, max }];
  let cur = levels[0];
  while (cur.min.length > 1) {
    const n = Math.ceil(cur.min.length / 2);
    const nextMin = new Float32Array(n);
    const nextMax = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const j = 2 * i;
      const k = j + 1 < cur.min.length ? j + 1 : j;
      nextMin[i] = pairMin(cur.min[j], cur.min[k]);
      nextMax[i] = pairMax(cur.max[j], cur.max[k]);
    }
    cur = { rate: cur.rate / 2, min: nextMin, max: nextMax };
    levels.push(cur);
  }
  return levels;
}

/** A plain series (one value per sample) is its own min and max. */
export const buildSeriesPyramid = (values: Float32Array, rate: number): Pyramid => buildPyramid(values, values, rate);

/** The coarsest level that still has at least one sample per pixel column (the finest if zoomed past it). */
export function pickLevel(p: Pyramid, pxPerSec: number): MinMaxLevel {
  let best = p[0];
  for (const level of p) {
    if (level.rate >= pxPerSec) best = level;
    else break;
  }
  return best;
}

export interface Columns {
  min: Float32Array;
  max: Float32Array;
}

/**
 * Per pixel column x ∈ [0, width): min and max of the samples whose time falls in [t(x), t(x+1)).
 * Zoomed in past the data, a column between two samples takes the one whose interval covers it, so
 * bins read as steps rather than spikes. NaN where there is no data. `start` is the time at x = 0.
 */
export function decimate(p: Pyramid, start: number, pxPerSec: number, width: number): Columns {
  const level = pickLevel(p, pxPerSec);
  const cols = Math.max(0, Math.ceil(width));
  const min = new Float32Array(cols).fill(NaN);
  const max = new Float32Array(cols).fill(NaN);
  const n = level.min.length;
  const perPx = level.rate / pxPerSec;
  const first = start * level.rate;
  for (let x = 0; x < cols; x++) {
    const pos = first + x * perPx;
    let i0 = Math.max(0, Math.ceil(pos - 1e-9));
    const i1 = Math.min(n, Math.ceil(pos + perPx - 1e-9));
    if (i0 >= i1) {
      const held = Math.floor(pos + 1e-9);
      if (held < 0 || held >= n) continue;
      i0 = held;
    }
    let lo = NaN;
    let hi = NaN;
    for (let i = i0; i < Math.max(i1, i0 + 1); i++) {
      lo = pairMin(lo, level.min[i]);
      hi = pairMax(hi, level.max[i]);
    }
    min[x] = lo;
    max[x] = hi;
  }
  return { min, max };
}
