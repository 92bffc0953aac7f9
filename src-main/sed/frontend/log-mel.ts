/**
 * The detector's front end: 64-band log-mel energies of 25 ms Hann frames every 10 ms at 16 kHz,
 * computed on a stream. Frame i is centred at i·10 ms + 5 ms (the stream is padded with 7.5 ms of
 * zeros in front), so four consecutive frames fill exactly one 40 ms (25 Hz) valence frame; a
 * signal of N samples gives ceil(N / 160) frames. Energies are natural logs of the mel-weighted
 * power spectrum, normalised so a full-scale sine peaks near ln(0.25), floored at 1e-10 (−100 dB).
 */
import { RealFft } from '../../features/dsp/real-fft.js';
import { hannWindow } from '../../features/dsp/windows.js';
import { createMelFilterbank, type MelFilterbank } from '../../features/dsp/mel-filterbank.js';
import { ANALYSIS_SAMPLE_RATE } from '../../media/audio-rate.js';

export const LOG_MEL = {
  sampleRate: ANALYSIS_SAMPLE_RATE,
  frameLength: 400,
  hop: 160,
  fftSize: 512,
  bands: 64,
  lowHz: 0,
  highHz: 8000,
  floor: 1e-10,
} as const;

/** Input frames per 40 ms output frame. */
export const FRAMES_PER_BLOCK = 4;
const LEAD = LOG_MEL.frameLength / 2 - LOG_MEL.hop / 2;

export class LogMelStream {
  private readonly fft = new RealFft(LOG_MEL.fftSize);
  private readonly window = hannWindow(LOG_MEL.frameLength);
  private readonly bank: MelFilterbank = createMelFilterbank({
    sampleRate: LOG_MEL.sampleRate,
    fftSize: LOG_MEL.fftSize,
    bands: LOG_MEL.bands,
    lowHz: LOG_MEL.lowHz,
    highHz: LOG_MEL.highHz,
  });
  private readonly frame = new Float64Array(LOG_MEL.frameLength);
  private readonly power = new Float64Array(LOG_MEL.fftSize / 2 + 1);
  private readonly mel = new Float64Array(LOG_MEL.bands);
  private readonly scale: number;
  /** Samples not yet consumed by a frame start; begins with the lead-in zeros. */
  private pending = new Float32Array(LEAD);
  private received = 0;
  private emitted = 0;

  constructor() {
    let sum = 0;
    for (const w of this.window) sum += w;
    this.scale = 1 / (sum * sum);
  }

  /** Appends samples; returns the frames they complete, row-major [frames × 64]. */
  push(chunk: Float32Array): Float32Array {
    this.received += chunk.length;
    const joined = new Float32Array(this.pending.length + chunk.length);
    joined.set(this.pending);
    joined.set(chunk, this.pending.length);
    const count = joined.length >= LOG_MEL.frameLength ? Math.floor((joined.length - LOG_MEL.frameLength) / LOG_MEL.hop) + 1 : 0;
    const out = this.frames(joined, count);
    this.pending = joined.slice(count * LOG_MEL.hop);
    return out;
  }

  /** Ends the stream: the frames still owed (zero-padded), up to ceil(N / hop) in all. */
  finish(): Float32Array {
    const owed = Math.max(0, Math.ceil(this.received / LOG_MEL.hop) - this.emitted);
    const padded = new Float32Array(Math.max(this.pending.length, (owed - 1) * LOG_MEL.hop + LOG_MEL.frameLength));
    padded.set(this.pending);
    return this.frames(padded, owed);
  }

  private frames(samples: Float32Array, count: number): Float32Array {
    const { frameLength, hop, bands, floor } = LOG_MEL;
    const out = new Float32Array(count * bands);
    for (let f = 0; f < count; f++) {
      const start = f * hop;
      for (let i = 0; i < frameLength; i++) this.frame[i] = samples[start + i] * this.window[i];
      const s = this.fft.transform(this.frame);
      for (let k = 0; k < this.power.length; k++) this.power[k] = (s[2 * k] * s[2 * k] + s[2 * k + 1] * s[2 * k + 1]) * this.scale;
      this.bank.apply(this.power, this.mel);
      for (let b = 0; b < bands; b++) out[f * bands + b] = Math.log(Math.max(this.mel[b], floor));
    }
    this.emitted += count;
    return out;
  }
}

/** Log-mel frames of a whole signal (16 kHz mono). */
export function logMel(samples: Float32Array): Float32Array {
  const stream = new LogMelStream();
  const head = stream.push(samples);
  const tail = stream.finish();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
