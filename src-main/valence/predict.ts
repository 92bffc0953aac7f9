/**
 * Inference: softmax probabilities per row of a frame table, batch by batch inside tidy(), and
 * over a whole movie in chunks (a 30-minute film at full dimensionality is 1 GB of float32).
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../contract/domain.js';
import { gatherBatch, type FrameTable, type Normalizer } from './frame-table.js';
import type { ValenceModel } from './models/model.js';
import { seededRng } from './random.js';

const INFERENCE = { training: false, rng: seededRng(0) };

export function inputTensors(model: ValenceModel, data: Float32Array[], batch: number): tf.Tensor[] {
  return model.groups.map((g, i) => (g.window > 1 ? tf.tensor3d(data[i], [batch, g.window, g.width]) : tf.tensor2d(data[i], [batch, g.width])));
}

/** Probabilities [rows × 7] for rows `from`…`to` of one table. */
export function predictRows(model: ValenceModel, table: FrameTable, normalizer: Normalizer, from = 0, to = table.rows, batchSize = 512): Float32Array {
  const out = new Float32Array((to - from) * VALENCE_CLASS_COUNT);
  for (let start = from; start < to; start += batchSize) {
    const n = Math.min(batchSize, to - start);
    const refs = { table: new Int32Array(n), row: Int32Array.from({ length: n }, (_, i) => start + i) };
    const data = gatherBatch([table], refs, model.groups, normalizer, model.config.windowStep);
    const probs = tf.tidy(() => tf.softmax(model.logits(inputTensors(model, data, n), INFERENCE)).dataSync() as Float32Array);
    out.set(probs, (start - from) * VALENCE_CLASS_COUNT);
  }
  return out;
}

const CHUNK_FRAMES = 4500;

export interface PredictedChunk {
  /** 25 Hz frame of the first row. */
  firstFrame: number;
  stride: number;
  /** [rows × 7] */
  probs: Float32Array;
}

/**
 * Probabilities for frames 0, stride, 2·stride, … below `frames`, chunk by chunk. Each chunk is read
 * with enough earlier frames that windowed models see real history at its start.
 */
export function* predictInChunks(
  model: ValenceModel,
  normalizer: Normalizer,
  frames: number,
  read: (from: number, to: number, stride: number) => FrameTable,
  stride = 1,
): Generator<PredictedChunk> {
  const { window, windowStep } = model.config;
  const margin = model.groups.some((g) => g.window > 1) ? (window - 1) * windowStep : 0;
  // Chunks start on the stride grid, so the frames predicted are always 0, s, 2s, …
  const chunk = stride * Math.ceil(CHUNK_FRAMES / stride);
  for (let from = 0; from < frames; from += chunk) {
    const to = Math.min(frames, from + chunk);
    const start = Math.max(0, from - Math.ceil(margin / stride) * stride);
    const table = read(start, to, stride);
    const own = Math.ceil((from - start) / stride);
    yield { firstFrame: from, stride, probs: predictRows(model, table, normalizer, own, table.rows) };
  }
}
