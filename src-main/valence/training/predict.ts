/**
 * Inference: softmax probabilities per row of a frame table, batch by batch; a whole movie is read
 * and predicted in chunks (a 30-minute film at full dimensionality is 1 GB of float32).
 *
 * The batching is written once, as a plan (a generator) that yields each batch's inputs and is
 * handed back that batch's probabilities. Training and evaluation run plans synchronously on TF.js
 * (onTf); Analyze, Predict and compare run them on a Predictor (onPredictor), which may be ONNX
 * Runtime, whose calls are asynchronous.
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { Rng } from '../../util/random.js';
import { gatherBatch, type FrameTable, type Normalizer } from '../data/frame-table.js';
import type { ValenceModel } from '../model/model.js';

const INFERENCE = { training: false, rng: new Rng(0) };

/** One batch: each input group's values laid out as model.groups says, for `rows` rows. */
export interface InputBatch {
  data: Float32Array[];
  rows: number;
}

/** A computation that yields batches and is given back their probabilities [rows × 7]. */
export type Plan<T> = Generator<InputBatch, T, Float32Array>;

/** Computes batch probabilities for one model (TF.js or ONNX Runtime). */
export interface Predictor {
  probs(batch: InputBatch): Promise<Float32Array>;
  /** Frees what the predictor holds besides the model's own parameters (the caller disposes those). */
  release(): Promise<void>;
}

export function inputTensors(model: ValenceModel, data: Float32Array[], batch: number): tf.Tensor[] {
  return model.groups.map((g, i) => (g.window > 1 ? tf.tensor3d(data[i], [batch, g.window, g.width]) : tf.tensor2d(data[i], [batch, g.width])));
}

/** One batch's probabilities on TF.js. */
export function tfProbs(model: ValenceModel, { data, rows }: InputBatch): Float32Array {
  // The tensor, not its values, leaves tidy: tidy walks a returned typed array element by element.
  const probs = tf.tidy(() => tf.softmax(model.logits(inputTensors(model, data, rows), INFERENCE)));
  const values = probs.dataSync() as Float32Array;
  probs.dispose();
  return values;
}

/** TF.js as a predictor (nothing to release beyond the model's own parameters). */
export function tfPredictor(model: ValenceModel): Predictor {
  return { probs: async (batch) => tfProbs(model, batch), release: async () => {} };
}

/** Runs a plan with every batch computed synchronously on TF.js. */
export function onTf<T>(model: ValenceModel, plan: Plan<T>): T {
  let step = plan.next();
  while (!step.done) step = plan.next(tfProbs(model, step.value));
  return step.value;
}

/** Runs a plan on a predictor, one batch at a time. */
export async function onPredictor<T>(predictor: Predictor, plan: Plan<T>): Promise<T> {
  let step = plan.next();
  while (!step.done) step = plan.next(await predictor.probs(step.value));
  return step.value;
}

/** Probabilities [rows.length × 7] for the listed rows of one table, in that order. */
export function* rowListPlan(model: ValenceModel, table: FrameTable, normalizer: Normalizer, rows: Int32Array, batchSize = 512): Plan<Float32Array> {
  const out = new Float32Array(rows.length * VALENCE_CLASS_COUNT);
  for (let start = 0; start < rows.length; start += batchSize) {
    const n = Math.min(batchSize, rows.length - start);
    const refs = { table: new Int32Array(n), row: rows.subarray(start, start + n) };
    const data = gatherBatch([table], refs, model.groups, normalizer, model.config.windowStep);
    out.set(yield { data, rows: n }, start * VALENCE_CLASS_COUNT);
  }
  return out;
}

/** Probabilities [rows × 7] for rows `from`…`to` of one table. */
export function rowsPlan(model: ValenceModel, table: FrameTable, normalizer: Normalizer, from = 0, to = table.rows, batchSize = 512): Plan<Float32Array> {
  return rowListPlan(model, table, normalizer, Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i), batchSize);
}

/** rowsPlan on TF.js. */
export function predictRows(model: ValenceModel, table: FrameTable, normalizer: Normalizer, from = 0, to = table.rows, batchSize = 512): Float32Array {
  return onTf(model, rowsPlan(model, table, normalizer, from, to, batchSize));
}

const CHUNK_FRAMES = 4500;

/** One chunk: rows `from`…`to` at `stride` to read, of which those from row `own` (frame `firstFrame`) are predicted. */
export interface ChunkRead {
  from: number;
  to: number;
  stride: number;
  own: number;
  firstFrame: number;
}

/**
 * The chunks covering frames 0, stride, 2·stride, … below `frames`. Each is read with enough earlier
 * frames that windowed models see real history at its start.
 */
export function predictionChunks(model: ValenceModel, frames: number, stride = 1): ChunkRead[] {
  const { window, windowStep } = model.config;
  const margin = model.groups.some((g) => g.window > 1) ? (window - 1) * windowStep : 0;
  // Chunks start on the stride grid, so the frames predicted are always 0, s, 2s, …
  const chunk = stride * Math.ceil(CHUNK_FRAMES / stride);
  const chunks: ChunkRead[] = [];
  for (let firstFrame = 0; firstFrame < frames; firstFrame += chunk) {
    const from = Math.max(0, firstFrame - Math.ceil(margin / stride) * stride);
    chunks.push({ from, to: Math.min(frames, firstFrame + chunk), stride, own: Math.ceil((firstFrame - from) / stride), firstFrame });
  }
  return chunks;
}
