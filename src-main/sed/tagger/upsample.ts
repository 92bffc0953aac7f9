/**
 * 16 kHz → 32 kHz for the AudioSet tagger, which was trained at 32 kHz. A half-band windowed-sinc
 * interpolator: even outputs are the input samples, odd ones a 32-tap Blackman-windowed sinc
 * between them. Written here because it streams with a fixed latency in a dozen lines; ffmpeg's
 * resampler would mean a second decode of the film.
 */
const HALF = 16;
/** TAPS[i] weighs x[n − HALF + 1 + i] for the output halfway between x[n] and x[n + 1]. */
const TAPS = Float64Array.from({ length: 2 * HALF }, (_, i) => {
  const t = i - HALF + 0.5;
  const w = 0.42 + 0.5 * Math.cos((Math.PI * t) / HALF) + 0.08 * Math.cos((2 * Math.PI * t) / HALF);
  return (Math.sin(Math.PI * t) / (Math.PI * t)) * w;
});

export class Upsampler2x {
  /** Input from absolute index `base` on; zeros before the start and after the end. */
  private buf = new Float32Array(0);
  private base = 0;
  private received = 0;
  private done = 0;

  /** Outputs (two per input sample) for the samples whose right-hand context has arrived. */
  push(x: Float32Array): Float32Array {
    const joined = new Float32Array(this.buf.length + x.length);
    joined.set(this.buf);
    joined.set(x, this.buf.length);
    this.buf = joined;
    this.received += x.length;
    return this.emit(this.received - HALF);
  }

  /** The rest, as if zeros followed. */
  finish(): Float32Array {
    return this.emit(this.received);
  }

  private at(i: number): number {
    return i < this.base || i >= this.received ? 0 : this.buf[i - this.base];
  }

  private emit(until: number): Float32Array {
    const count = Math.max(0, until - this.done);
    const out = new Float32Array(2 * count);
    for (let j = 0; j < count; j++) {
      const n = this.done + j;
      out[2 * j] = this.at(n);
      let acc = 0;
      for (let i = 0; i < TAPS.length; i++) acc += TAPS[i] * this.at(n - HALF + 1 + i);
      out[2 * j + 1] = acc;
    }
    this.done += count;
    const keepFrom = this.done - HALF;
    if (keepFrom > this.base) {
      this.buf = this.buf.slice(keepFrom - this.base);
      this.base = keepFrom;
    }
    return out;
  }
}
