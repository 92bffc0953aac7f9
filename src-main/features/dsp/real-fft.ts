/**
 * Real-input FFT of a frame zero-padded to a power of two, on fft.js. Keeps its buffers, so one
 * instance per frame size serves a whole stream without allocating.
 */
import FFT from 'fft.js';

export class RealFft {
  readonly size: number;
  readonly bins: number;
  /** Interleaved re/im of bins 0..size/2 after `transform` (the tail is scratch). */
  readonly spectrum: Float64Array;
  private readonly fft: FFT;
  private readonly input: Float64Array;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0) throw new Error(`FFT size must be a power of two >= 4, got ${size}`);
    this.size = size;
    this.bins = size / 2 + 1;
    this.fft = new FFT(size);
    this.input = new Float64Array(size);
    this.spectrum = new Float64Array(2 * size);
  }

  /** Transforms `frame` (shorter frames are zero-padded at the end). */
  transform(frame: ArrayLike<number>): Float64Array {
    const x = this.input;
    const n = Math.min(frame.length, this.size);
    for (let i = 0; i < n; i++) x[i] = frame[i];
    x.fill(0, n);
    this.fft.realTransform(this.spectrum, x);
    return this.spectrum;
  }
}
