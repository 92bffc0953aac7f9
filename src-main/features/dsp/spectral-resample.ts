/**
 * Resamples a frame through its spectrum, as openSMILE's cSpecResample: an inverse real DFT of the
 * frame's FFT evaluated on the target rate's sample grid, keeping only bins below the lower of the two
 * Nyquist limits. Used to run LPC on a band-limited copy of the frame.
 */

export interface SpectralResampler {
  /** Output samples per frame. */
  readonly length: number;
  /** `spectrum`: interleaved re/im of bins 0..fftSize/2 (fft.js layout, e^-iωt convention). */
  apply(spectrum: ArrayLike<number>, out: Float64Array): Float64Array;
}

/**
 * `frameLength` is the frame before zero-padding to `fftSize`; the output covers the same span of time
 * at `targetRate`.
 */
export function createSpectralResampler(fftSize: number, frameLength: number, sampleRate: number, targetRate: number): SpectralResampler {
  const ratio = targetRate / sampleRate;
  const length = Math.round(fftSize * ratio * (frameLength / fftSize));
  // The output rate is adjusted so a whole number of samples spans the frame.
  const period = fftSize * (length / frameLength);
  let kMax = Math.min(fftSize, length);
  if (kMax & 1) kMax--;
  const nBins = kMax / 2 - 1; // bins 1..nBins besides DC
  const cos = new Float32Array(length * nBins);
  const sin = new Float32Array(length * nBins);
  for (let i = 0; i < length; i++) {
    for (let k = 1; k <= nBins; k++) {
      const w = (2 * Math.PI * (k * i)) / period;
      cos[i * nBins + k - 1] = Math.cos(w);
      sin[i * nBins + k - 1] = Math.sin(w);
    }
  }
  const norm = 1 / (fftSize / 2);
  const re = new Float64Array(nBins);
  const im = new Float64Array(nBins);

  return {
    length,
    apply(spectrum, out) {
      for (let k = 1; k <= nBins; k++) {
        re[k - 1] = spectrum[2 * k];
        // openSMILE's FFT has the opposite sign of the imaginary part.
        im[k - 1] = -spectrum[2 * k + 1];
      }
      const dc = spectrum[0];
      for (let i = 0; i < length; i++) {
        let s = dc;
        const row = i * nBins;
        for (let k = 0; k < nBins; k++) s += re[k] * cos[row + k] + im[k] * sin[row + k];
        out[i] = s * norm;
      }
      return out;
    },
  };
}
