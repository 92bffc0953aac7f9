/** The valence lane's vertical axis: [-1, 1] with the 7 class bands of the paper's quantization. */
import { VALENCE_CLASS_EDGES, VALENCE_RATE_HZ, valenceClass } from '../../../src-main/contract/domain.js';

export interface Band {
  /** 1..7; 4 is neutral. */
  cls: number;
  lo: number;
  hi: number;
}

export const VALENCE_BANDS: Band[] = VALENCE_CLASS_EDGES.slice(0, -1).map((lo, i) => ({
  cls: i + 1,
  lo,
  hi: VALENCE_CLASS_EDGES[i + 1],
}));

/** y of a valence value in a lane `height` px tall (+1 at the top). */
export const valenceToY = (v: number, height: number): number => ((1 - v) / 2) * height;

/** The valence at y in a lane `height` px tall, clamped to [-1, 1] (the pointer may leave the lane mid-drag). */
export const yToValence = (y: number, height: number): number => Math.max(-1, Math.min(1, 1 - (2 * y) / height));

/** Band fills from negative (red) through neutral (grey) to positive (green). */
export const BAND_COLORS = ['#5a2a2a', '#4a2c2c', '#3c3030', '#333333', '#2e3a30', '#2c4430', '#2a4e2e'];

/** A 25 Hz trace's value at film time `t`: the frame that covers it, NaN outside the trace or where unrated. */
export function valueAt(values: ArrayLike<number>, t: number): number {
  const i = Math.floor(t * VALENCE_RATE_HZ + 1e-9);
  return i >= 0 && i < values.length ? values[i] : Number.NaN;
}

/** "+0.35 (6)": a value and its class 1–7, as the readouts print it; a dash where unrated. */
export const formatValence = (v: number): string => (v === v ? `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)} (${valenceClass(v)})` : '—');
