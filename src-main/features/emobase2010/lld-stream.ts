/**
 * The 76 emobase2010 LLD contours on the 10 ms grid, computed as PCM streams in: per-frame LLDs, the
 * pitch smoother's one-frame delay, jitter/shimmer, 3-frame moving average, delta regression (±2
 * frames). Only a few frames of state are kept, so memory does not grow with the stream.
 *
 * Frame count and edges follow openSMILE: there is one LLD frame per complete 60 ms pitch frame (N);
 * pitch-derived values exist for N-1 frames and the last frame repeats them; smoothing and deltas
 * replicate the first and last frames at the edges, except that the 25 ms features of frame N (which
 * exists, as 25 ms frames end earlier) feed the last smoothed value.
 */
import { SampleBuffer } from '../dsp/sample-buffer.js';
import { PitchSmoother, type SmoothedPitch } from '../dsp/pitch-smoother.js';
import { JitterAnalyzer, type JitterValues } from '../dsp/pitch-jitter.js';
import { ShortFrameAnalyzer, SHORT_FRAME_VALUES } from './short-frame.js';
import { PitchFrameAnalyzer } from './pitch-frame.js';
import { HOP, INPUT_SCALE, JITTER, PITCH_FRAME, SAMPLE_RATE, SHORT_FRAME, SHS } from './config.js';
import { LLD_COLUMN_COUNT, MAIN_LLD_COUNT, VOICED_LLD_COUNT } from './names.js';

/** Per-frame values before smoothing: the 32 short-frame LLDs, F0 envelope, voicing, F0, jitter ×2, shimmer. */
const RAW = SHORT_FRAME_VALUES + 6;
const PITCH_PART = SHORT_FRAME_VALUES;
const RING = 8;

/** Receives each LLD row (LLD CSV column order; reused, so copy to keep) and the frame's unsmoothed F0. */
export type LldRowHandler = (row: Float32Array, frameIndex: number, f0: number) => void;

const f32 = Math.fround;

export class LldStream {
  private readonly buffer = new SampleBuffer();
  private readonly short = new ShortFrameAnalyzer();
  private readonly pitch = new PitchFrameAnalyzer();
  private readonly smoother = new PitchSmoother(SHS.voicingCutoff);
  private readonly jitter = new JitterAnalyzer({ sampleRate: SAMPLE_RATE, hop: HOP, frameLength: PITCH_FRAME, ...JITTER });
  private readonly raw = new Float32Array(RING * RAW);
  private readonly sma = new Float32Array(RING * RAW);
  private readonly f0 = new Float64Array(RING);
  private readonly row = new Float32Array(LLD_COLUMN_COUNT);
  private readonly smoothed: SmoothedPitch = { f0: 0, f0Envelope: 0, voicing: 0 };
  private readonly perturbation: JitterValues = { jitterLocal: 0, jitterDDP: 0, shimmerLocal: 0 };
  /** 60 ms frames analysed so far; at the end this is the LLD frame count N. */
  private frames = 0;
  private smaCount = 0;
  private emitted = 0;
  private finished = false;

  constructor(private readonly onRow: LldRowHandler) {}

  /** Mono PCM at 16 kHz, full scale ±1. */
  push(chunk: Float32Array): void {
    if (this.finished) throw new Error('LLD stream already finished');
    this.buffer.append(chunk, INPUT_SCALE);
    while (this.buffer.end >= this.frames * HOP + PITCH_FRAME) this.analyzeFrame(this.frames++);
    this.buffer.discardBefore(Math.min(this.jitter.oldestNeeded, this.frames * HOP));
  }

  /** Flushes the last frames; returns the LLD frame count N. */
  finish(): number {
    if (this.finished) return this.emitted;
    this.finished = true;
    const n = this.frames;
    if (n === 0) return 0;
    // The last frame has no pitch frame of its own; neither has the virtual frame n that smooths it.
    this.copyPitchPart(n - 2, n - 1);
    this.rawDone(n - 1);
    this.analyzeShort(n);
    this.copyPitchPart(n - 2, n);
    this.computeSma(n - 1, n);
    for (let i = Math.max(0, this.emitted); i < n; i++) this.emitRow(i, n);
    return n;
  }

  private analyzeFrame(t: number): void {
    this.analyzeShort(t);
    const c = this.pitch.analyze(this.buffer.array, t * HOP - this.buffer.arrayBase);
    const p = this.smoother.push(c.f0[0], c.voicing[0], this.smoothed);
    if (!p) return;
    // The smoother reports frame t-1, time-stamped like frame t: jitter reads the waveform from there.
    const j = t - 1;
    const wave = { samples: this.buffer.array, offset: this.buffer.arrayBase };
    const q = this.jitter.analyze(wave, t * HOP, p.f0, this.perturbation);
    const r = (j % RING) * RAW + PITCH_PART;
    this.raw[r] = p.f0Envelope;
    this.raw[r + 1] = p.voicing;
    this.raw[r + 2] = p.f0;
    this.raw[r + 3] = q.jitterLocal;
    this.raw[r + 4] = q.jitterDDP;
    this.raw[r + 5] = q.shimmerLocal;
    this.f0[j % RING] = p.f0;
    this.rawDone(j);
  }

  private analyzeShort(t: number): void {
    if (this.buffer.end < t * HOP + SHORT_FRAME) throw new Error(`25 ms frame ${t} is not buffered`);
    this.short.analyze(this.buffer.array, t * HOP - this.buffer.arrayBase, this.raw, (t % RING) * RAW);
  }

  /** Pitch-derived values of frame `to` repeat those of frame `from` (zeros if there is none). */
  private copyPitchPart(from: number, to: number): void {
    const dst = (to % RING) * RAW + PITCH_PART;
    if (from < 0) this.raw.fill(0, dst, dst + RAW - PITCH_PART);
    else this.raw.copyWithin(dst, (from % RING) * RAW + PITCH_PART, (from % RING) * RAW + RAW);
    this.f0[to % RING] = from < 0 ? 0 : this.f0[from % RING];
  }

  /** Raw frame j is complete: smooth frame j-1, then emit what the deltas allow. */
  private rawDone(j: number): void {
    if (j >= 1) this.computeSma(j - 1, j);
    if (j === 0) return;
    const ready = this.smaCount - 3; // deltas need two smoothed frames ahead
    while (this.emitted <= ready) this.emitRow(this.emitted, Infinity);
  }

  /** sma[i] = mean of raw[i-1..i+1] (raw[-1] = raw[0]); `last` is the newest raw frame available. */
  private computeSma(i: number, last: number): void {
    const a = (Math.max(0, i - 1) % RING) * RAW;
    const b = (i % RING) * RAW;
    const c = (Math.min(last, i + 1) % RING) * RAW;
    const s = (i % RING) * RAW;
    const raw = this.raw;
    for (let k = 0; k < RAW; k++) this.sma[s + k] = f32(f32(f32(raw[b + k] + raw[a + k]) + raw[c + k]) / 3);
    this.smaCount = i + 1;
  }

  /** Emits row i: smoothed values and their delta regression; `n` bounds the frames that exist. */
  private emitRow(i: number, n: number): void {
    const lastSma = Math.min(this.smaCount, n) - 1;
    const at = (k: number) => (Math.min(lastSma, Math.max(0, k)) % RING) * RAW;
    const m2 = at(i - 2);
    const m1 = at(i - 1);
    const p1 = at(i + 1);
    const p2 = at(i + 2);
    const c = at(i);
    const s = this.sma;
    const row = this.row;
    for (let k = 0; k < RAW; k++) {
      const num = f32(f32(s[p1 + k] - s[m1 + k]) + f32(2 * f32(s[p2 + k] - s[m2 + k])));
      const col = k < MAIN_LLD_COUNT ? k : MAIN_LLD_COUNT + k; // voiced LLDs follow the main deltas
      row[col] = s[c + k];
      row[col + (k < MAIN_LLD_COUNT ? MAIN_LLD_COUNT : VOICED_LLD_COUNT)] = f32(num / 10);
    }
    this.emitted = i + 1;
    this.onRow(row, i, this.f0[i % RING]);
  }
}
