/**
 * Re-samples a linear-frequency magnitude spectrum onto an octave (log2) axis by cubic spline, as
 * openSMILE's cSpecScale with scale=log, base 2: the target has as many points as the source, evenly
 * spaced in log2(f) from `minHz` to the highest bin frequency.
 */
import { createSplineResampler } from './cubic-spline.js';

export interface LogFrequencyAxis {
  /** log2 of the lowest target frequency. */
  readonly minLog2: number;
  /** Target spacing in octaves. */
  readonly stepLog2: number;
  readonly points: number;
  readonly pointsPerOctave: number;
  apply(magnitude: ArrayLike<number>, out: Float64Array): Float64Array;
}

export function createLogFrequencySpectrum(bins: number, binHz: number, minHz: number): LogFrequencyAxis {
  const maxHz = binHz * (bins - 1);
  const minLog2 = Math.log(minHz) / Math.LN2;
  const maxLog2 = Math.log(maxHz) / Math.LN2;
  const points = bins;
  const stepLog2 = (maxLog2 - minLog2) / (points - 1);

  const knots = new Float64Array(bins);
  for (let i = 1; i < bins; i++) knots[i] = Math.log(i * binHz) / Math.LN2;
  // DC has no log frequency; openSMILE extrapolates one step below bin 1.
  knots[0] = 2 * knots[1] - knots[2];
  const queries = new Float64Array(points);
  for (let i = 0; i < points; i++) queries[i] = Math.min(maxLog2, minLog2 + i * stepLog2);
  const spline = createSplineResampler(knots, queries);

  const octaves = Math.log(maxHz / minHz) / Math.LN2;
  return {
    minLog2,
    stepLog2,
    points,
    pointsPerOctave: points / octaves,
    apply(magnitude, out) {
      spline.apply(magnitude, out);
      return out;
    },
  };
}
