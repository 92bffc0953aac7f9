/** Inference on a frame table: softmax probabilities per row, batch by batch inside tidy(). */
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
