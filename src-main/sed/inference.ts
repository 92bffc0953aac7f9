/**
 * Runs a detector over its input frames of any length, streamed (the CBRNN's log-mel frames, four
 * to a 40 ms step; the tagger head's 0.48 s tagger steps, one to a step). Steps are cut into chunks
 * of `chunkSteps` on a grid fixed from step 0 of the recording, each run in a window with
 * `contextSteps` of real audio on both sides, so the BiGRU sees context across chunk edges; only
 * the chunks' centres are kept. A chunk runs as soon as its whole window has arrived (ready chunks
 * are batched), so a stream's output never lags its input by more than a chunk and its context.
 * At the ends of the audio the window slides inward instead of padding with digital silence, which
 * training never shows the network; the steps left after the last whole chunk are split evenly.
 *
 * The output for a step depends on its window only, not on how the input was pushed or batched:
 * streaming and whole-array calls give the same numbers, and a stream resumed mid-recording from
 * `originStep` gives an uninterrupted stream's numbers from `resumeOrigin` on. Context does not make
 * a chunk equal to one pass over the whole recording: on 4 min of the human-sounds clips the shipped
 * heads' activity differs from a whole-recording pass by up to 0.15 (mean 0.004), and a restart on
 * another grid moves it by up to 0.07, hence the fixed grid.
 *
 * A forward pass runs on TF.js (`predictBatch`) or on a compute step passed in (the network exported
 * to ONNX Runtime, sed/onnx/). The batching is one generator that yields each pass's input and takes
 * its outputs back, driven synchronously for TF.js or awaited for a compute step, so both run the
 * same windows.
 */
import * as tf from '@tensorflow/tfjs-core';
import { concatFloat32 } from '../util/float32.js';
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
  /** Chunks per forward pass, at most. */
  batch?: number;
  /** Index in the whole recording of the first step fed (a stream resumed mid-recording). */
  originStep?: number;
  /**
   * Runs the forward passes instead of TF.js (the network exported to ONNX): then the stream is fed
   * with pushAsync / finishAsync. The batching, and so every window, is the same either way.
   */
  compute?: BatchCompute;
}

/** Bumped when the same model and audio give other numbers (2: each chunk of a batch read its own window). */
export const INFERENCE_VERSION = 2;

/** Input values per frame, frames per model step, and what pads a frame beyond the signal. */
export function inputShape(model: DetectorNet): { width: number; framesPerStep: number; pad: number } {
  if (isHead(model)) return { width: model.config.inputDims, framesPerStep: 1, pad: 0 };
  return { width: model.config.bands, framesPerStep: model.config.framesPerStep, pad: Math.log(LOG_MEL.floor) };
}

/**
 * Defaults: 20 s chunks, 2 s of context each side, 16 chunks per pass; the recurrent layer's
 * per-step cost is shared by the batch, so whole-array calls run fastest in large batches. A tagger
 * head's steps are 0.48 s: 30 s chunks, 4 s of context, 8 chunks per pass.
 */
function chunking(model: DetectorNet, options: PredictorOptions): { chunk: number; context: number; batch: number } {
  const head = isHead(model);
  const { chunkSteps = head ? 64 : 500, contextSteps = head ? 8 : 50, batch = head ? 8 : 16 } = options;
  return { chunk: chunkSteps, context: contextSteps, batch };
}

/**
 * The latest step a resumed stream may start at (its `originStep`) for every step from `firstStep`
 * on to come out as in an uninterrupted stream, when its first `warmupSteps` input steps differ
 * from an uninterrupted stream's (a front end's lead-in). Up to two chunks and twice the context
 * early: the chunk holding `firstStep` and the evenly split tail must see the same windows.
 */
export function resumeOrigin(model: DetectorNet, firstStep: number, warmupSteps: number, options: PredictorOptions = {}): number {
  const { chunk, context } = chunking(model, options);
  return Math.max(0, Math.floor(firstStep / chunk) * chunk - chunk - 2 * context - warmupSteps);
}

/** One forward pass's outputs for n windows: sigmoid activity [n × steps × K], embedding [n × steps × 2H]. */
export interface BatchOutputs {
  activity: Float32Array;
  embedding: Float32Array;
}

/** A forward pass run elsewhere (ONNX Runtime): x is [n × frames × width], as predictBatch reads it. */
export type BatchCompute = (x: Float32Array, n: number, frames: number) => Promise<BatchOutputs>;

/** Runs equal-length sequences through the model on TF.js: x is [n × frames × width]. */
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

/** One forward pass the batching asks for; the pass's outputs are sent back into the generator. */
interface Pass {
  x: Float32Array;
  n: number;
  frames: number;
}
type Passes = Generator<Pass, FrameOutputs, BatchOutputs>;

export class FramePredictor {
  private readonly model: DetectorNet;
  private readonly chunk: number;
  private readonly context: number;
  private readonly batch: number;
  private readonly bands: number;
  private readonly fps: number;
  private readonly pad: number;
  private readonly origin: number;
  private readonly compute: BatchCompute | undefined;
  /** An async pass is in flight: the stream's state is mid-update until it returns. */
  private busy = false;
  /** Input frames received and not yet dropped; `base` is the (stream) frame index of buffer[0]. */
  private buffer = new Float32Array(0);
  private base = 0;
  private received = 0;
  /** Recording step up to which outputs were emitted. */
  private emitted: number;

  constructor(model: DetectorNet, options: PredictorOptions = {}) {
    this.model = model;
    ({ chunk: this.chunk, context: this.context, batch: this.batch } = chunking(model, options));
    ({ width: this.bands, framesPerStep: this.fps, pad: this.pad } = inputShape(model));
    this.origin = options.originStep ?? 0;
    this.emitted = this.origin;
    this.compute = options.compute;
  }

  /** Adds input frames ([n × width]); returns outputs for the steps that became final. TF.js only. */
  push(frames: Float32Array): FrameOutputs {
    return this.drive(this.pushing(frames));
  }

  /** Ends the stream: outputs for every remaining step (ceil(frames / framesPerStep) steps in all). TF.js only. */
  finish(): FrameOutputs {
    return this.drive(this.finishing());
  }

  /** push, with the passes run by the `compute` given (TF.js when none was). */
  pushAsync(frames: Float32Array): Promise<FrameOutputs> {
    return this.driveAsync(this.pushing(frames));
  }

  /** finish, with the passes run by the `compute` given (TF.js when none was). */
  finishAsync(): Promise<FrameOutputs> {
    return this.driveAsync(this.finishing());
  }

  private drive(passes: Passes): FrameOutputs {
    if (this.compute) throw new Error('this predictor runs its passes asynchronously: feed it with pushAsync and finishAsync');
    if (this.busy) throw new Error('the predictor is still running the previous push');
    let step = passes.next();
    while (!step.done) step = passes.next(predictBatch(this.model, step.value.x, step.value.n, step.value.frames));
    return step.value;
  }

  private async driveAsync(passes: Passes): Promise<FrameOutputs> {
    if (this.busy) throw new Error('the predictor is still running the previous push');
    const compute = this.compute ?? (async (x: Float32Array, n: number, frames: number) => predictBatch(this.model, x, n, frames));
    this.busy = true;
    try {
      let step = passes.next();
      while (!step.done) step = passes.next(await compute(step.value.x, step.value.n, step.value.frames));
      return step.value;
    } finally {
      this.busy = false;
    }
  }

  private *pushing(frames: Float32Array): Passes {
    const joined = new Float32Array(this.buffer.length + frames.length);
    joined.set(this.buffer);
    joined.set(frames, this.buffer.length);
    this.buffer = joined;
    this.received += frames.length / this.bands;
    return yield* this.run(this.gridChunks(this.origin + Math.floor(this.received / this.fps)), this.chunk, Infinity);
  }

  private *finishing(): Passes {
    const end = this.origin + Math.ceil(this.received / this.fps);
    const grid = yield* this.run(this.gridChunks(end), this.chunk, Infinity);
    // Split what is left into equal chunks no longer than usual, so a short file is not padded to a whole chunk.
    const rest = end - this.emitted;
    const n = Math.ceil(rest / this.chunk);
    const steps = n === 0 ? 0 : Math.ceil(rest / n);
    const tail = yield* this.run(Array.from({ length: n }, (_, i) => this.emitted + i * steps), steps, end);
    return {
      steps: grid.steps + tail.steps,
      activity: concatFloat32([grid.activity, tail.activity]),
      embedding: concatFloat32([grid.embedding, tail.embedding]),
    };
  }

  /** Where a chunk's window of `span` steps starts: `context` before it, slid inside [origin, end). */
  private windowStart(chunkStart: number, span: number, end: number): number {
    return Math.max(this.origin, Math.min(chunkStart - this.context, end - span));
  }

  /** Starts of the grid chunks not yet emitted whose whole window lies before step `known`. */
  private gridChunks(known: number): number[] {
    const span = this.chunk + 2 * this.context;
    const starts: number[] = [];
    for (let s = Math.floor(this.emitted / this.chunk) * this.chunk; this.windowStart(s, span, Infinity) + span <= known; s += this.chunk) starts.push(s);
    return starts;
  }

  /** Runs the chunks of `steps` steps starting at `starts` (windows slid inside `end`) and emits their steps from `emitted` on. */
  private *run(starts: number[], steps: number, end: number): Passes {
    const k = this.model.config.classes.length;
    const dims = 2 * this.model.config.gruUnits;
    const stop = starts.length ? Math.min(starts[starts.length - 1] + steps, end) : this.emitted;
    const wanted = stop - this.emitted;
    const activity = new Float32Array(wanted * k);
    const embedding = new Float32Array(wanted * dims);
    const span = Math.min(steps + 2 * this.context, end - this.origin);
    const frames = span * this.fps;
    for (let first = 0; first < starts.length; first += this.batch) {
      const batch = starts.slice(first, first + this.batch);
      const windows = batch.map((s) => this.windowStart(s, span, end));
      const x = new Float32Array(batch.length * frames * this.bands).fill(this.pad);
      windows.forEach((w, c) => this.copyFrames(x, c * frames * this.bands, (w - this.origin) * this.fps, frames));
      const out = yield { x, n: batch.length, frames };
      batch.forEach((s, c) => {
        const from = Math.max(s, this.emitted);
        const to = Math.min(s + steps, stop);
        if (to <= from) return;
        const at = c * span + from - windows[c];
        activity.set(out.activity.subarray(at * k, (at + to - from) * k), (from - this.emitted) * k);
        embedding.set(out.embedding.subarray(at * dims, (at + to - from) * dims), (from - this.emitted) * dims);
      });
    }
    this.emitted = stop;
    // Keep enough history for a final window slid back from the end of the audio.
    this.dropBefore((this.emitted - this.origin - this.chunk - 2 * this.context) * this.fps);
    return { steps: wanted, activity, embedding };
  }

  /** Copies stream frames [from, from + count) into dst; frames outside what was received stay silent. */
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
  return { steps: a.steps + b.steps, activity: concatFloat32([a.activity, b.activity]), embedding: concatFloat32([a.embedding, b.embedding]) };
}
