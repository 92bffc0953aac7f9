/** The valence lane's vertical axis: [-1, 1] with the 7 class bands of the paper's quantization. */
import { VALENCE_CLASS_EDGES } from '../../../src-main/contract/domain.js';

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

/** Band fills from negative (red) through neutral (grey) to positive (green). */
export const BAND_COLORS = ['#5a2a2a', '#4a2c2c', '#3c3030', '#333333', '#2e3a30', '#2c4430', '#2a4e2e'];

export const CURVE_COLORS = { annotation: '#f2c14e', prediction: '#4fd1e0' } as const;
