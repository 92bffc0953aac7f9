/**
 * How much the picture changed between two consecutive grey frames, as a shot-cut signal. Optical
 * flow is meaningless across a cut (nothing moved: everything was replaced), while the luma
 * histogram jumps there and barely moves under camera or object motion, which only rearranges pixels.
 */

export const LUMA_BINS = 32;

/** Normalised luma histogram (sums to 1) of a grey frame. */
export function lumaHistogram(frame: Uint8Array, out = new Float64Array(LUMA_BINS)): Float64Array {
  out.fill(0);
  const shift = 8 - Math.log2(LUMA_BINS);
  for (let i = 0; i < frame.length; i++) out[frame[i] >> shift]++;
  for (let k = 0; k < LUMA_BINS; k++) out[k] /= frame.length || 1;
  return out;
}

/** Half the L1 distance between two normalised histograms: 0 for the same tones, 1 for disjoint ones. */
export function histogramDistance(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) d += Math.abs(a[k] - b[k]);
  return d / 2;
}

/** Mean absolute pixel difference, as a fraction of full scale (0 … 1). */
export function meanAbsoluteDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error('frames differ in size');
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
  return d / (255 * (a.length || 1));
}
