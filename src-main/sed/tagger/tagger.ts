/**
 * The frozen pretrained front end of the detectors: EfficientAT mn04 (AudioSet, 527 classes), run
 * with ONNX Runtime on windows of 0.96 s every 0.48 s. Each window gives the network's 384-d
 * embedding and its 527 AudioSet logits, plus a summary of the voice pitch over the same span
 * (pitch-track.ts); one window step covers 12 of the 25 Hz valence frames.
 *
 * Window w is centred on its step [0.48·w, 0.48·(w + 1)) s: it spans log-mel frames
 * [48w − 24, 48w + 72), padded with digital silence beyond the signal. A 16 kHz signal of N samples
 * has ⌈⌈N / 640⌉ / 12⌉ steps, so the steps cover every 25 Hz frame.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { badRequest } from '../../contract/errors.js';
import { EAT_MEL, EAT_SILENCE, EfficientAtMelStream } from './efficientat-mel.js';
import { PITCH_DIMS, PITCH_FPS, PitchTrack, pitchSummary } from './pitch-track.js';
import { Upsampler2x } from './upsample.js';
import { ANALYSIS_SAMPLE_RATE } from '../../media/audio-rate.js';

export const TAGGER = {
  name: 'efficientat-mn04_as',
  file: 'mn04_as.onnx',
  inputRate: ANALYSIS_SAMPLE_RATE,
  windowFrames: 96,
  hopFrames: 48,
  embeddingDims: 384,
  audiosetClasses: 527,
  /** 25 Hz frames per window step. */
  framesPerStep: 12,
} as const;

/** Per window step: embedding, logits, then the pitch summary. */
export const TAGGER_DIMS = TAGGER.embeddingDims + TAGGER.audiosetClasses + PITCH_DIMS;
const NETWORK_DIMS = TAGGER.embeddingDims + TAGGER.audiosetClasses;
export const TAGGER_STEP_S = (TAGGER.hopFrames * EAT_MEL.hop) / EAT_MEL.sampleRate;

export function defaultTaggerDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'models', 'efficientat-mn04');
}

/** Steps for a 16 kHz signal of `samples` samples. */
export function taggerSteps(samples: number): number {
  return Math.ceil(Math.ceil(samples / 640) / TAGGER.framesPerStep);
}

export class AudioTagger {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly dir: string,
  ) {}

  /** `threads` 1 keeps the other core for decoding and the other stages. */
  static async load(dir = defaultTaggerDir(), threads = 1): Promise<AudioTagger> {
    // ONNX Runtime reads the external weights file itself, past Electron's asar layer: use the unpacked copy.
    const file = path.join(dir, TAGGER.file).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    if (!existsSync(file)) throw badRequest(`the audio tagger is missing: no ${TAGGER.file} in ${dir}`);
    const session = await ort.InferenceSession.create(file, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new AudioTagger(session, dir);
  }

  /**
   * windows: [n × 128 bands × frames] (mel-major per window, 96 frames for the detectors; a whole
   * clip in one pass is how the reference tags clips) → [n × (384 + 527)]: embedding, logits.
   */
  async run(windows: Float32Array, n: number, frames: number = TAGGER.windowFrames): Promise<Float32Array> {
    const out = new Float32Array(n * NETWORK_DIMS);
    if (n === 0) return out;
    const r = await this.session.run({ spec: new ort.Tensor('float32', windows, [n, 1, EAT_MEL.bands, frames]) });
    const emb = r.features.data as Float32Array;
    const logits = r.logits.data as Float32Array;
    for (let i = 0; i < n; i++) {
      out.set(emb.subarray(i * TAGGER.embeddingDims, (i + 1) * TAGGER.embeddingDims), i * NETWORK_DIMS);
      out.set(logits.subarray(i * TAGGER.audiosetClasses, (i + 1) * TAGGER.audiosetClasses), i * NETWORK_DIMS + TAGGER.embeddingDims);
    }
    return out;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

export interface TaggerSteps {
  /** Index of the first step in this block. */
  start: number;
  count: number;
  /** [count × TAGGER_DIMS] */
  features: Float32Array;
}

/** 16 kHz PCM in any chunk sizes → tagger steps as their windows complete, batched. */
export class TaggerStream {
  private readonly up = new Upsampler2x();
  private readonly mel = new EfficientAtMelStream();
  private readonly pitch = new PitchTrack();
  /** F0 per 20 ms pitch frame from frame `pitchBase` on. */
  private f0 = new Float32Array(0);
  private pitchBase = 0;
  /** Time-major log-mel frames from frame index `base` on. */
  private frames = new Float32Array(0);
  private base = -TAGGER.hopFrames / 2;
  private melCount = 0;
  private samples = 0;
  private emitted = 0;

  constructor(
    private readonly tagger: AudioTagger,
    private readonly batch = 16,
  ) {
    // Frames before the signal are silence, so window 0 can start half a step early.
    this.frames = new Float32Array((TAGGER.hopFrames / 2) * EAT_MEL.bands).fill(EAT_SILENCE);
  }

  async push(pcm: Float32Array): Promise<TaggerSteps> {
    this.samples += pcm.length;
    this.addFrames(this.mel.push(this.up.push(pcm)));
    this.addPitch(this.pitch.push(pcm));
    const complete = Math.min(
      Math.floor((this.melCount - this.windowEnd(0)) / TAGGER.hopFrames) + 1,
      Math.floor((this.pitchBase + this.f0.length - PITCH_SPAN.to) / PITCH_SPAN.step) + 1,
    );
    const ready = Math.floor((complete - this.emitted) / this.batch) * this.batch;
    return this.run(ready);
  }

  async finish(): Promise<TaggerSteps> {
    this.addFrames(this.mel.push(this.up.finish()));
    this.addFrames(this.mel.finish());
    this.addPitch(this.pitch.finish());
    return this.run(taggerSteps(this.samples) - this.emitted);
  }

  private windowEnd(w: number): number {
    return w * TAGGER.hopFrames - TAGGER.hopFrames / 2 + TAGGER.windowFrames;
  }

  private addPitch(f: Float32Array): void {
    const joined = new Float32Array(this.f0.length + f.length);
    joined.set(this.f0);
    joined.set(f, this.f0.length);
    this.f0 = joined;
  }

  private addFrames(f: Float32Array): void {
    if (f.length === 0) return;
    const joined = new Float32Array(this.frames.length + f.length);
    joined.set(this.frames);
    joined.set(f, this.frames.length);
    this.frames = joined;
    this.melCount += f.length / EAT_MEL.bands;
  }

  private async run(count: number): Promise<TaggerSteps> {
    const start = this.emitted;
    const features = new Float32Array(Math.max(0, count) * TAGGER_DIMS);
    const bands = EAT_MEL.bands;
    const wf = TAGGER.windowFrames;
    for (let first = 0; first < count; first += this.batch) {
      const n = Math.min(this.batch, count - first);
      const x = new Float32Array(n * bands * wf).fill(EAT_SILENCE);
      for (let i = 0; i < n; i++) {
        const from = (start + first + i) * TAGGER.hopFrames - TAGGER.hopFrames / 2;
        for (let t = 0; t < wf; t++) {
          const f = from + t - this.base;
          if (from + t >= this.melCount || f < 0) continue;
          for (let m = 0; m < bands; m++) x[i * bands * wf + m * wf + t] = this.frames[f * bands + m];
        }
      }
      const net = await this.tagger.run(x, n);
      for (let i = 0; i < n; i++) {
        const w = start + first + i;
        const at = (first + i) * TAGGER_DIMS;
        features.set(net.subarray(i * NETWORK_DIMS, (i + 1) * NETWORK_DIMS), at);
        const from = w * PITCH_SPAN.step + PITCH_SPAN.from - this.pitchBase;
        pitchSummary(this.f0, from, from + PITCH_SPAN.to - PITCH_SPAN.from, features, at + NETWORK_DIMS);
      }
    }
    this.emitted += Math.max(0, count);
    const keepFrom = this.emitted * TAGGER.hopFrames - TAGGER.hopFrames / 2;
    if (keepFrom > this.base) {
      this.frames = this.frames.slice((keepFrom - this.base) * bands);
      this.base = keepFrom;
    }
    const pitchFrom = this.emitted * PITCH_SPAN.step + PITCH_SPAN.from;
    const drop = Math.max(0, Math.min(this.f0.length, pitchFrom - this.pitchBase));
    this.f0 = this.f0.slice(drop);
    this.pitchBase += drop;
    return { start, count: Math.max(0, count), features };
  }
}

/** Pitch frames of window w: [w·step + from, w·step + to), the window's 0.96 s span. */
const PITCH_SPAN = { step: Math.round(TAGGER_STEP_S * PITCH_FPS), from: -Math.round((TAGGER_STEP_S / 2) * PITCH_FPS), to: Math.round(1.5 * TAGGER_STEP_S * PITCH_FPS) };

/** Whole-signal convenience (training data, tests): [steps × TAGGER_DIMS]. */
export async function tagSignal(tagger: AudioTagger, pcm16k: Float32Array): Promise<Float32Array> {
  const s = new TaggerStream(tagger);
  const a = await s.push(pcm16k);
  const b = await s.finish();
  const out = new Float32Array(a.features.length + b.features.length);
  out.set(a.features);
  out.set(b.features, a.features.length);
  return out;
}
