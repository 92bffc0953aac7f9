/**
 * Runs a detector over its input frames of any length, streamed (the CBRNN's log-mel frames, four
 * to a 40 ms step; the tagger head's 0.48 s tagger steps, one to a step): frames are cut into
 * chunks of `chunkSteps` model steps with `contextSteps` of real audio on both sides, so the
 * BiGRU sees context across chunk edges; chunks are batched for speed and only their centres are
 * kept. At the ends of the audio the window slides inward instead of padding with digital silence,
 * which training never shows the network; audio shorter than one window is run whole. Streaming
 * and whole-array calls share this path, so both give the same numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { LOG_MEL } from './frontend/log-mel.js';
import { isHead, type DetectorNet } from './model/model-io.js';

export interface FrameOutputs {
  /** Model steps (25 Hz frames) in this block. */
  steps: number;
  /** [steps × classes], sigmoid activity. */
  activity: Float32Array;
  /** [steps × embeddingDims]. */
  embedding: Float32Array;
}

export interface PredictorOptions {
  chunkSteps?: number;
  contextSteps?: number;
  /** Chunks per forward pass. */
  batch?: number;
}

/** Input values per frame, frames per model step, and what pads a frame beyond the signal. */
export function inputShape(model: DetectorNet): { width: number; framesPerStep: number; pad: number } {
  if (isHead(model)) return { width: model.config.inputDims, framesPerStep: 1, pad: 0 };
  return { width: model.config.bands, framesPerStep: model.config.framesPerStep, pad: Math.log(LOG_MEL.floor) };
}

/** Runs equal-length sequences through the model: x is [n × frames × width]. */
export function predictBatch(model: DetectorNet, x: Float32Array, n: number, frames: number): FrameOutputs & { n: number } {
  const { width: bands, framesPerStep } = inputShape(model);
  const { activity, embedding } = tf.tidy(() => {
    const out = model.apply(tf.tensor3d(x, [n, frames, bands]));
    return { activity: tf.sigmoid(out.logits), embedding: out.embedding };
  });
  const result = { n, steps: frames / framesPerStep, activity: activity.dataSync() as Float32Array, embedding: embedding.dataSync() as Float32Array };
  tf.dispose([activity, embedding]);
  return result;
}

export class FramePredictor {
  private readonly model: DetectorNet;
  private readonly chunk: number;
  private readonly context: number;
  private readonly batch: number;
  private readonly bands: number;
  private readonly fps: number;
  private readonly pad: number;
  /** Log-mel frames received and not yet dropped; `base` is the frame index of buffer[0]. */
  private buffer = new Float32Array(0);
  private base = 0;
  private received = 0;
  /** Model steps already emitted. */
  private emitted = 0;

  /**
   * Defaults: 20 s chunks, 2 s of context each side, 16 chunks (320 s of audio) per pass; the
   * recurrent layer's per-step cost is shared by the batch, so large batches run fastest. A tagger
   * head's steps are 0.48 s: 30 s chunks, 4 s of context, 8 chunks per pass.
   */
  constructor(model: DetectorNet, options: PredictorOptions = {}) {
    const head = isHead(model);
    const { chunkSteps = head ? 64 : 500, contextSteps = head ? 8 : 50, batch = head ? 8 : 16 } = options;
    this.model = model;
    this.chunk = chunkSteps;
    this.context = contextSteps;
    this.batch = batch;
    ({ width: this.bands, framesPerStep: this.fps, pad: this.pad } = inputShape(model));
  }

  /** Adds log-mel frames ([n × bands]); returns outputs for the steps that became final. */
  push(frames: Float32Array): FrameOutputs {
    const joined = new Float32Array(this.buffer.length + frames.length);
    joined.set(this.buffer);
    joined.set(frames, this.buffer.length);
    this.buffer = joined;
    this.received += frames.length / this.bands;
    // A chunk is final once its right context has arrived; run a full batch at a time.
    const availableSteps = Math.floor(this.received / this.fps) - this.context;
    const ready = Math.max(0, Math.floor((availableSteps - this.emitted) / this.chunk));
    return this.run(Math.floor(ready / this.batch) * this.batch, this.chunk, false);
  }

  /** Ends the stream: outputs for every remaining step (ceil(frames / 4) steps in all). */
  finish(): FrameOutputs {
    const remaining = Math.ceil(this.received / this.fps) - this.emitted;
    // Split what is left into equal chunks no longer than usual, so a short file is not padded to 20 s.
    const chunks = Math.ceil(remaining / this.chunk);
    return this.run(chunks, chunks === 0 ? this.chunk : Math.ceil(remaining / chunks), true);
  }

  private run(chunks: number, chunkSteps: number, last: boolean): FrameOutputs {
    const k = this.model.config.classes.length;
    const dims = 2 * this.model.config.gruUnits;
    const totalSteps = Math.ceil(this.received / this.fps);
    const wanted = last ? totalSteps - this.emitted : chunks * chunkSteps;
    const activity = new Float32Array(wanted * k);
    const embedding = new Float32Array(wanted * dims);
    const span = last ? Math.min(chunkSteps + 2 * this.context, totalSteps) : chunkSteps + 2 * this.context;
    const frames = span * this.fps;
    for (let first = 0; first < chunks; first += this.batch) {
      const n = Math.min(this.batch, chunks - first);
      const x = new Float32Array(n * frames * this.bands).fill(this.pad);
      const offsets: number[] = [];
      for (let c = 0; c < n; c++) {
        const chunkStart = this.emitted + (first + c) * chunkSteps;
        const latest = last ? totalSteps - span : chunkStart - this.context;
        const windowStart = Math.max(0, Math.min(chunkStart - this.context, latest));
        offsets.push(chunkStart - windowStart);
        this.copyFrames(x, c * frames, windowStart * this.fps, frames);
      }
      const out = predictBatch(this.model, x, n, frames);
      for (let c = 0; c < n; c++) {
        const at = (first + c) * chunkSteps;
        const keep = Math.min(chunkSteps, wanted - at);
        if (keep <= 0) continue;
        const from = c * span + offsets[c];
        activity.set(out.activity.subarray(from * k, (from + keep) * k), at * k);
        embedding.set(out.embedding.subarray(from * dims, (from + keep) * dims), at * dims);
      }
    }
    this.emitted += wanted;
    // Keep enough history for a final window slid back from the end of the audio.
    this.dropBefore((this.emitted - this.chunk - 2 * this.context) * this.fps);
    return { steps: wanted, activity, embedding };
  }

  /** Copies frames [from, from + count) into dst; frames outside what was received stay silent. */
  private copyFrames(dst: Float32Array, at: number, from: number, count: number): void {
    const lo = Math.max(from, this.base);
    const hi = Math.min(from + count, this.received);
    if (hi <= lo) return;
    dst.set(this.buffer.subarray((lo - this.base) * this.bands, (hi - this.base) * this.bands), at + (lo - from) * this.bands);
  }

  private dropBefore(frame: number): void {
    const drop = Math.max(0, Math.min(frame, this.received) - this.base);
    if (drop === 0) return;
    this.buffer = this.buffer.slice(drop * this.bands);
    this.base += drop;
  }
}

/** Whole-array convenience over the streaming path. */
export function predictFrames(model: DetectorNet, logMel: Float32Array, options?: PredictorOptions): FrameOutputs {
  const p = new FramePredictor(model, options);
  const a = p.push(logMel);
  const b = p.finish();
  const k = model.config.classes.length;
  const dims = 2 * model.config.gruUnits;
  const activity = new Float32Array((a.steps + b.steps) * k);
  activity.set(a.activity);
  activity.set(b.activity, a.steps * k);
  const embedding = new Float32Array((a.steps + b.steps) * dims);
  embedding.set(a.embedding);
  embedding.set(b.embedding, a.steps * dims);
  return { steps: a.steps + b.steps, activity, embedding };
}
