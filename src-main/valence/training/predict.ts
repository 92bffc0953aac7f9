/**
 * Inference: softmax probabilities per row of a frame table, batch by batch inside tidy(); a whole
 * movie is read and predicted in chunks (a 30-minute film at full dimensionality is 1 GB of float32).
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { Rng } from '../../util/random.js';
import { gatherBatch, type FrameTable, type Normalizer } from '../data/frame-table.js';
import type { ValenceModel } from '../model/model.js';

const INFERENCE = { training: false, rng: new Rng(0) };

export function inputTensors(model: ValenceModel, data: Float32Array[], batch: number): tf.Tensor[] {
  return model.groups.map((g, i) => (g.window > 1 ? tf.tensor3d(data[i], [batch, g.window, g.width]) : tf.tensor2d(data[i], [batch, g.width])));
}

/** Probabilities [rows × 7] for rows `from`…`to` of one table. */
export function predictRows(model: ValenceModel, table: FrameTable, normalizer: Normalizer, from = 0, to = table.rows, batchSize = 512): Float32Array {
  return predictRowList(model, table, normalizer, Int32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i), batchSize);
}

/** Probabilities [rows.length × 7] for the listed rows of one table, in that order. */
export function predictRowList(model: ValenceModel, table: FrameTable, normalizer: Normalizer, rows: Int32Array, batchSize = 512): Float32Array {
  const out = new Float32Array(rows.length * VALENCE_CLASS_COUNT);
  for (let start = 0; start < rows.length; start += batchSize) {
    const n = Math.min(batchSize, rows.length - start);
    const refs = { table: new Int32Array(n), row: rows.subarray(start, start + n) };
    const data = gatherBatch([table], refs, model.groups, normalizer, model.config.windowStep);
    // The tensor, not its values, leaves tidy: tidy walks a returned typed array element by element.
    const probs = tf.tidy(() => tf.softmax(model.logits(inputTensors(model, data, n), INFERENCE)));
    out.set(probs.dataSync(), start * VALENCE_CLASS_COUNT);
    probs.dispose();
  }
  return out;
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
