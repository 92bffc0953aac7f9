/**
 * A model's probabilities for rows of a frame table together with each modality's share of them (see
 * occlusion.ts). Shares are measured on every `every`-th 25 Hz frame and held until the next: valence
 * moves slowly, and each measured frame costs one more prediction per modality.
 */
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import type { FrameTable, Normalizer } from '../data/frame-table.js';
import type { Modality } from '../data/modalities.js';
import type { ValenceModel } from '../model/model.js';
import { rowListPlan, rowsPlan, type Plan } from '../training/predict.js';
import { occluded, sharesOf, totalVariation } from './occlusion.js';

/** Five measured frames a second: the shares of a 2-hour film cost 2× a prediction with five inputs, not 6×. */
export const SHARE_EVERY = 5;

export interface ExplainedRows {
  /** [rows × 7] */
  probs: Float32Array;
  /** [rows × modalities], in the model's input order; NaN rows where no modality mattered. */
  shares: Float32Array;
  modalities: Modality[];
}

/** The probabilities and shares of rows `from`…`to`, as a plan (run it on TF.js or on a predictor). */
export function* explainPlan(model: ValenceModel, table: FrameTable, normalizer: Normalizer, from = 0, to = table.rows, every = SHARE_EVERY): Plan<ExplainedRows> {
  const modalities = model.config.inputs.map((i) => i.modality);
  const m = modalities.length;
  const probs = yield* rowsPlan(model, table, normalizer, from, to);
  const measured: number[] = [];
  for (let r = from; r < to; r++) if ((table.firstFrame + r * table.stride) % every === 0) measured.push(r);
  if (measured.length === 0 && to > from) measured.push(from);
  const rows = Int32Array.from(measured);
  const base = new Float32Array(rows.length * VALENCE_CLASS_COUNT);
  rows.forEach((r, i) => base.set(probs.subarray((r - from) * VALENCE_CLASS_COUNT, (r - from + 1) * VALENCE_CLASS_COUNT), i * VALENCE_CLASS_COUNT));
  const influences: Float32Array[] = [];
  for (const mod of modalities) influences.push(totalVariation(base, yield* rowListPlan(model, table, occluded(normalizer, mod), rows)));
  const atMeasured = sharesOf(influences);
  // Each row takes the latest measured row at or before it (the first one before that).
  const shares = new Float32Array((to - from) * m);
  let k = 0;
  for (let r = from; r < to; r++) {
    while (k + 1 < rows.length && rows[k + 1] <= r) k++;
    shares.set(atMeasured.subarray(k * m, (k + 1) * m), (r - from) * m);
  }
  return { probs, shares, modalities };
}
