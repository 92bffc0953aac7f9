/** A model's probabilities for rows of a frame table together with each modality's share of them (see occlusion.ts). */
import type { FrameTable, Normalizer } from '../data/frame-table.js';
import type { Modality } from '../data/modalities.js';
import type { ValenceModel } from '../model/model.js';
import { predictRows } from '../training/predict.js';
import { occluded, sharesOf, totalVariation } from './occlusion.js';

export interface ExplainedRows {
  /** [rows × 7] */
  probs: Float32Array;
  /** [rows × modalities], in the model's input order; NaN rows where no modality mattered. */
  shares: Float32Array;
  modalities: Modality[];
}

/** One pass as is, one per modality occluded: costs (modalities + 1) predictions. */
export function explainRows(model: ValenceModel, table: FrameTable, normalizer: Normalizer, from = 0, to = table.rows): ExplainedRows {
  const modalities = model.config.inputs.map((i) => i.modality);
  const probs = predictRows(model, table, normalizer, from, to);
  const influences = modalities.map((m) => totalVariation(probs, predictRows(model, table, occluded(normalizer, m), from, to)));
  return { probs, shares: sharesOf(influences), modalities };
}
