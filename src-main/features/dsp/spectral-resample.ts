/**
 * Resamples a frame through its spectrum, as openSMILE's cSpecResample: an inverse real DFT of the
 * frame's FFT evaluated on the target rate's sample grid, keeping only bins below the lower of the two
 * Nyquist limits. Used to run LPC on a band-limited copy of the frame.
 *
 * The inverse DFT has a period of P·2^q target samples (352 = 11·32 for 512-point frames of 25 ms at
 * 16 kHz → 11 kHz), so it is computed Cooley-Tukey style: 2^q-point inverse FFTs (fft.js) over P
 * interleaved phases, after P-point DFTs of the few non-zero bins. That is ~10× fewer operations than
 * the direct sum openSMILE uses, with the same result up to rounding.
 */
import FFT from 'fft.js';

export interface SpectralResampler {
  /** Output samples per frame. */
  readonly length: number;
  /** `spectrum`: interleaved re/im of bins 0..fftSize/2 (fft.js layout, e^-iωt convention). */
  apply(spectrum: ArrayLike<number>, out: Float64Array): Float64Array;
}

/**
 * `frameLength` is the frame before zero-padding to `fftSize`; the output covers the same span of time
 * at (about) `targetRate`: openSMILE rounds the output length and adjusts the rate to match.
 */
export function createSpectralResampler(fftSize: number, frameLength: number, sampleRate: number, targetRate: number): SpectralResampler {
  const length = Math.round(fftSize * (targetRate / sampleRate) * (frameLength / fftSize));
  const period = (fftSize * length) / frameLength;
  let kMax = Math.min(fftSize, length);
  if (kMax & 1) kMax--;
  const bins = kMax / 2; // DC and bins 1..bins-1
  let radix2 = 1;
  while (Number.isInteger(period / (radix2 * 2))) radix2 *= 2;
  const odd = period / radix2;
  if (!Number.isInteger(period) || radix2 < 4) throw new Error(`spectral resampling needs a DFT period with a power-of-two factor, got ${period}`);

  // Bin k = k1 + radix2·k2 and sample n = odd·n1 + n2 (k1, n1 < radix2; k2, n2 < odd).
  const rootsOdd = new Float64Array(2 * odd * odd);
  for (let k2 = 0; k2 < odd; k2++) {
    for (let n2 = 0; n2 < odd; n2++) {
      const w = (2 * Math.PI * ((k2 * n2) % odd)) / odd;
      rootsOdd[2 * (k2 * odd + n2)] = Math.cos(w);
      rootsOdd[2 * (k2 * odd + n2) + 1] = Math.sin(w);
    }
  }
  const twiddles = new Float64Array(2 * radix2 * odd);
  for (let k1 = 0; k1 < radix2; k1++) {
    for (let n2 = 0; n2 < odd; n2++) {
      const w = (2 * Math.PI * k1 * n2) / period;
      twiddles[2 * (k1 * odd + n2)] = Math.cos(w);
      twiddles[2 * (k1 * odd + n2) + 1] = Math.sin(w);
    }
  }
  const fft = new FFT(radix2);
  const column = fft.createComplexArray();
  const result = fft.createComplexArray();
  const phases = new Float64Array(2 * radix2 * odd);
  // fft.js's inverse divides by radix2; openSMILE divides the plain sum by fftSize/2.
  const scale = radix2 / (fftSize / 2);

  return {
    length,
    apply(spectrum, out) {
      phases.fill(0);
      for (let k = 0; k < bins; k++) {
        const re = spectrum[2 * k];
        const im = k === 0 ? 0 : spectrum[2 * k + 1];
        const k1 = k % radix2;
        const k2 = (k - k1) / radix2;
        for (let n2 = 0; n2 < odd; n2++) {
          const r = 2 * (k2 * odd + n2);
          const p = 2 * (k1 * odd + n2);
          phases[p] += re * rootsOdd[r] - im * rootsOdd[r + 1];
          phases[p + 1] += re * rootsOdd[r + 1] + im * rootsOdd[r];
        }
      }
      for (let n2 = 0; n2 < odd; n2++) {
        for (let k1 = 0; k1 < radix2; k1++) {
          const p = 2 * (k1 * odd + n2);
          const c = twiddles[p];
          const s = twiddles[p + 1];
          column[2 * k1] = phases[p] * c - phases[p + 1] * s;
          column[2 * k1 + 1] = phases[p] * s + phases[p + 1] * c;
        }
        fft.inverseTransform(result, column);
        for (let n1 = 0; n1 < radix2; n1++) {
          const n = odd * n1 + n2;
          if (n < length) out[n] = result[2 * n1] * scale;
        }
      }
      return out;
    },
  };
}
