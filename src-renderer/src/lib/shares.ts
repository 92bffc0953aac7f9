/**
 * The "why it moved" lane's maths: each modality's share of a prediction (frames × modalities, NaN
 * where nothing mattered) averaged into screen columns, and read at one instant.
 */
import type { View } from './viewport.js';

/** A fixed colour per modality, so a modality reads the same on every film. */
export const SHARE_COLORS: Record<string, string> = {
  audio: '#5b8def',
  visual: '#e8e070',
  motion: '#a0d050',
  verbal: '#e05da0',
  nonverbal: '#ff7f50',
};
export const MODALITY_WORDS: Record<string, string> = { audio: 'audio', visual: 'visual', motion: 'motion', verbal: 'verbal events', nonverbal: 'non-verbal events' };

/** [width × m]: per screen column the mean share of each modality over the frames under it; NaN where none has a share. */
export function shareColumns(values: Float32Array, m: number, rate: number, view: View): Float32Array {
  const frames = values.length / m;
  const out = new Float32Array(view.width * m).fill(Number.NaN);
  for (let x = 0; x < view.width; x++) {
    const t0 = view.start + x / view.pxPerSec;
    const f0 = Math.max(0, Math.floor(t0 * rate));
    const f1 = Math.min(frames, Math.max(f0 + 1, Math.floor((t0 + 1 / view.pxPerSec) * rate)));
    let n = 0;
    const sums = new Float64Array(m);
    for (let f = f0; f < f1; f++) {
      if (Number.isNaN(values[f * m])) continue;
      n++;
      for (let k = 0; k < m; k++) sums[k] += values[f * m + k];
    }
    if (n > 0) for (let k = 0; k < m; k++) out[x * m + k] = sums[k] / n;
  }
  return out;
}

/** The shares at time `t`, or null outside the film or where nothing mattered. */
export function sharesAt(values: Float32Array, m: number, rate: number, t: number): Float32Array | null {
  const f = Math.floor(t * rate);
  if (f < 0 || (f + 1) * m > values.length || Number.isNaN(values[f * m])) return null;
  return values.subarray(f * m, (f + 1) * m);
}
