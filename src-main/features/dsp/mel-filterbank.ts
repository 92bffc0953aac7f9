/**
 * Triangular filters equally spaced on the mel scale (1127·ln(1 + f/700)), applied to a power (or
 * magnitude) spectrum. Built like openSMILE's cMelspec: peaks of height 1, bins strictly between the
 * rounded low and high cut-off bins, each bin shared between the falling slope of one band and the rising
 * slope of the next.
 */

export interface MelFilterbankOptions {
  sampleRate: number;
  fftSize: number;
  bands: number;
  lowHz: number;
  highHz: number;
}

export interface MelFilterbank {
  /** Sums `spectrum` (bins 0..fftSize/2) into `out` (length `bands`). */
  apply(spectrum: ArrayLike<number>, out: Float64Array): Float64Array;
}

export const hzToMel = (hz: number): number => (hz > 0 ? 1127 * Math.log(1 + hz / 700) : 0);

export function createMelFilterbank({ sampleRate, fftSize, bands, lowHz, highHz }: MelFilterbankOptions): MelFilterbank {
  const binHz = sampleRate / fftSize;
  const nBins = fftSize / 2 + 1;
  const nyquist = sampleRate / 2;
  const lo = lowHz < 0 || lowHz > nyquist || lowHz > highHz ? 0 : lowHz;
  const hi = highHz < lo || highHz > nyquist || highHz <= 0 ? nyquist : highHz;
  const loMel = hzToMel(lo);
  const step = (hzToMel(hi) - loMel) / (bands + 1);
  // centres[0] and centres[bands + 1] are the outer edges of the first and last triangles.
  const centres = Float64Array.from({ length: bands + 2 }, (_, m) => loMel + m * step);
  const firstBin = Math.min(nBins, Math.round(lo / binHz)) + 1;
  const endBin = Math.min(nBins, Math.round(hi / binHz));

  // For each bin: the band whose falling slope covers it (may be -1) and that slope's weight;
  // the next band gets the remainder on its rising slope.
  const count = Math.max(0, endBin - firstBin);
  const fallingBand = new Int32Array(count);
  const fallingWeight = new Float64Array(count);
  let m = 0;
  for (let j = 0; j < count; j++) {
    const mel = hzToMel((firstBin + j) * binHz);
    while (m <= bands && centres[m + 1] < mel) m++;
    fallingBand[j] = m - 1;
    fallingWeight[j] = (centres[m + 1] - mel) / (centres[m + 1] - centres[m]);
  }

  return {
    apply(spectrum, out) {
      out.fill(0, 0, bands);
      for (let j = 0; j < count; j++) {
        const v = spectrum[firstBin + j];
        const band = fallingBand[j];
        const a = v * fallingWeight[j];
        if (band >= 0) out[band] += a;
        if (band < bands - 1) out[band + 1] += v - a;
      }
      return out;
    },
  };
}
