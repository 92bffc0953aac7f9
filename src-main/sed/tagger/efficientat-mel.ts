/**
 * EfficientAT's log-mel front end (models/preprocess.py AugmentMelSTFT in eval mode, the settings of
 * its inference.py), computed on a stream so a film never has to be held in memory:
 *
 *   32 kHz mono → pre-emphasis y[n] = x[n+1] − 0.97·x[n] → torch.stft(n_fft 1024, hop 320, win 800,
 *   periodic=False Hann centred in the frame, center=True, reflect padding 512) → power →
 *   128 Kaldi mel banks (0–15 kHz, Nyquist bin dropped) → (ln(mel + 1e-5) + 4.5) / 5.
 *
 * Frame t is centred on y[t·320]; a signal of N samples gives 1 + ⌊(N − 1) / 320⌋ frames, exactly
 * as the reference does on the whole signal (../shared/models/efficientat-mn04_as/PROVENANCE.md).
 */
import { RealFft } from '../../features/dsp/real-fft.js';

export const EAT_MEL = { sampleRate: 32000, fftSize: 1024, hop: 320, window: 800, bands: 128, fmin: 0, fmax: 15000, preEmphasis: 0.97 } as const;

const PAD = EAT_MEL.fftSize / 2;
const HALF_WINDOW = EAT_MEL.window / 2;
const BINS = EAT_MEL.fftSize / 2 + 1;

/** The value of a frame of digital silence: what windows are padded with beyond the signal. */
export const EAT_SILENCE = (Math.log(1e-5) + 4.5) / 5;

const kaldiMel = (f: number) => 1127 * Math.log(1 + f / 700);

/**
 * torchaudio.compliance.kaldi.get_mel_banks(128, 1024, 32000, 0, 15000, …) with its zero Nyquist
 * column: one row of 513 weights per band, stored with the band's non-zero bin range.
 */
export function kaldiMelBanks(): Array<{ from: number; weights: Float64Array }> {
  const binHz = EAT_MEL.sampleRate / EAT_MEL.fftSize;
  const lo = kaldiMel(EAT_MEL.fmin);
  const delta = (kaldiMel(EAT_MEL.fmax) - lo) / (EAT_MEL.bands + 1);
  return Array.from({ length: EAT_MEL.bands }, (_, m) => {
    const [l, c, r] = [lo + m * delta, lo + (m + 1) * delta, lo + (m + 2) * delta];
    const row = new Float64Array(BINS);
    for (let k = 0; k < BINS - 1; k++) {
      const mel = kaldiMel(binHz * k);
      row[k] = Math.max(0, Math.min((mel - l) / (c - l), (r - mel) / (r - c)));
    }
    let from = 0;
    let to = BINS;
    while (from < to && row[from] === 0) from++;
    while (to > from && row[to - 1] === 0) to--;
    return { from, weights: row.slice(from, to) };
  });
}

const BANKS = kaldiMelBanks();
const HANN = Float64Array.from({ length: EAT_MEL.window }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / (EAT_MEL.window - 1)));

/** Streaming front end: push 32 kHz samples, get the frames they complete, time-major [T × 128]. */
export class EfficientAtMelStream {
  private readonly fft = new RealFft(EAT_MEL.fftSize);
  private readonly frame = new Float64Array(EAT_MEL.window);
  /** Pre-emphasised samples y from index `base` on (plus the reflected lead-in once it is known). */
  private y = new Float32Array(0);
  private base = 0;
  private yCount = 0;
  private lastX: number | null = null;
  private emitted = 0;
  private finished = false;

  push(x: Float32Array): Float32Array {
    if (this.finished) throw new Error('the front end stream is finished');
    this.append(x);
    // Frame t needs y[t·hop − 400, t·hop + 400); the lead-in needs y[1..512] to reflect.
    if (this.yCount <= PAD) return new Float32Array(0);
    const ready = Math.max(0, Math.floor((this.yCount - HALF_WINDOW) / EAT_MEL.hop) + 1 - this.emitted);
    return this.frames(ready);
  }

  /** The remaining frames, with the reference's reflect padding at the end. */
  finish(): Float32Array {
    if (this.finished) throw new Error('the front end stream is finished');
    this.finished = true;
    const total = this.yCount > 0 ? 1 + Math.floor(this.yCount / EAT_MEL.hop) : 0;
    return this.frames(total - this.emitted);
  }

  private append(x: Float32Array): void {
    if (x.length === 0) return;
    const fresh = new Float32Array(x.length - (this.lastX === null ? 1 : 0));
    let prev = this.lastX;
    let j = 0;
    for (let i = 0; i < x.length; i++) {
      if (prev !== null) fresh[j++] = x[i] - EAT_MEL.preEmphasis * prev;
      prev = x[i];
    }
    this.lastX = prev;
    const joined = new Float32Array(this.y.length + fresh.length);
    joined.set(this.y);
    joined.set(fresh, this.y.length);
    this.y = joined;
    this.yCount += fresh.length;
  }

  /** y[i] with the reference's reflect padding on both sides (the end is reflected only once finished). */
  private at(i: number): number {
    const n = this.yCount;
    if (i < 0) i = -i;
    if (i >= n) i = this.finished && n > 1 ? 2 * (n - 1) - i : -1;
    // Signals shorter than the padding (the reference refuses them) see zeros instead.
    if (i < this.base || i >= n) return 0;
    return this.y[i - this.base];
  }

  private frames(count: number): Float32Array {
    const out = new Float32Array(Math.max(0, count) * EAT_MEL.bands);
    for (let f = 0; f < count; f++) {
      const centre = (this.emitted + f) * EAT_MEL.hop;
      for (let i = 0; i < EAT_MEL.window; i++) this.frame[i] = this.at(centre - HALF_WINDOW + i) * HANN[i];
      const spec = this.fft.transform(this.frame);
      for (let m = 0; m < EAT_MEL.bands; m++) {
        const { from, weights } = BANKS[m];
        let acc = 0;
        for (let k = 0; k < weights.length; k++) {
          const re = spec[2 * (from + k)];
          const im = spec[2 * (from + k) + 1];
          acc += weights[k] * (re * re + im * im);
        }
        out[f * EAT_MEL.bands + m] = (Math.log(acc + 1e-5) + 4.5) / 5;
      }
    }
    this.emitted += Math.max(0, count);
    this.dropBefore(this.emitted * EAT_MEL.hop - HALF_WINDOW - PAD);
    return out;
  }

  /** Keeps y[1..512] (the lead-in reflection) until the first frames are out, then only what is needed. */
  private dropBefore(index: number): void {
    const keepFrom = Math.min(Math.max(0, index), this.yCount);
    if (keepFrom <= this.base || this.emitted === 0) return;
    this.y = this.y.slice(keepFrom - this.base);
    this.base = keepFrom;
  }
}

/** Whole-signal convenience: [T × 128] time-major. */
export function efficientAtMel(x32k: Float32Array): { frames: number; data: Float32Array } {
  const s = new EfficientAtMelStream();
  const a = s.push(x32k);
  const b = s.finish();
  const data = new Float32Array(a.length + b.length);
  data.set(a);
  data.set(b, a.length);
  return { frames: data.length / EAT_MEL.bands, data };
}
