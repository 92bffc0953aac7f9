/**
 * Why a predicted valence moved: each input modality's share of the prediction, by occlusion. For
 * every frame the model is run once as is and once per modality with that modality held at its
 * training mean (its normalized input set to zero: "no information from this modality"). The
 * modality's influence is the total-variation distance between the two 7-class distributions,
 * ½·Σ|p − p₋ₘ| (0: the modality changed nothing, 1: it decided everything); its share is its
 * influence over the sum of all modalities' influences at that frame. Occlusion rather than attention
 * weights because it applies to every architecture and measures the output, not a step inside it
 * (attention weights are known to be a poor guide to what a prediction depended on).
 */
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import type { Normalizer } from '../data/frame-table.js';
import type { Modality } from '../data/modalities.js';

/** The normalizer with `modality` occluded: every value maps to 0, the training mean. */
export function occluded(normalizer: Normalizer, modality: Modality): Normalizer {
  const out: Normalizer = new Map(normalizer);
  const { mean } = normalizer.get(modality)!;
  out.set(modality, { mean, invStd: new Float32Array(mean.length) });
  return out;
}

/** ½·Σ|p − q| per row of two [rows × 7] probability tables. */
export function totalVariation(p: Float32Array, q: Float32Array): Float32Array {
  const rows = p.length / VALENCE_CLASS_COUNT;
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let c = 0; c < VALENCE_CLASS_COUNT; c++) sum += Math.abs(p[r * VALENCE_CLASS_COUNT + c] - q[r * VALENCE_CLASS_COUNT + c]);
    out[r] = sum / 2;
  }
  return out;
}

/**
 * Shares [rows × modalities] from each modality's influence per row; a row where no modality changed
 * the prediction (all influences below `floor`) has no share to give: NaN.
 */
export function sharesOf(influences: Float32Array[], floor = 1e-6): Float32Array {
  const m = influences.length;
  const rows = m === 0 ? 0 : influences[0].length;
  const out = new Float32Array(rows * m);
  for (let r = 0; r < rows; r++) {
    let total = 0;
    for (const inf of influences) total += inf[r];
    for (let k = 0; k < m; k++) out[r * m + k] = total < floor ? Number.NaN : influences[k][r] / total;
  }
  return out;
}

/** Per mask (and 'all'): frames counted and each modality's summed share; plain data, so folds can post it. */
export type ShareSums = Record<string, { frames: number; sums: number[] }>;

/**
 * Adds the rows of one chunk (row r is frame firstFrame + r·stride) to `into`, per mask the frame is
 * inside and to 'all'; rows without a share are skipped.
 */
export function tallyShares(into: ShareSums, shares: Float32Array, modalities: number, masks: ReadonlyMap<string, Uint8Array>, firstFrame = 0, stride = 1): ShareSums {
  const bucket = (name: string) => (into[name] ??= { frames: 0, sums: new Array<number>(modalities).fill(0) });
  const rows = shares.length / modalities;
  for (let r = 0; r < rows; r++) {
    if (Number.isNaN(shares[r * modalities])) continue;
    const frame = firstFrame + r * stride;
    for (const name of ['all', ...masks.keys()]) {
      if (name !== 'all' && !masks.get(name)![frame]) continue;
      const acc = bucket(name);
      acc.frames++;
      for (let k = 0; k < modalities; k++) acc.sums[k] += shares[r * modalities + k];
    }
  }
  return into;
}

/** Sums of several tallies (one per fold). */
export function addShareSums(tallies: readonly ShareSums[]): ShareSums {
  const out: ShareSums = {};
  for (const t of tallies) {
    for (const [name, { frames, sums }] of Object.entries(t)) {
      const acc = (out[name] ??= { frames: 0, sums: new Array<number>(sums.length).fill(0) });
      acc.frames += frames;
      sums.forEach((v, k) => (acc.sums[k] += v));
    }
  }
  return out;
}

/** Per mask (event class, or 'all'): the frames with a share, and each modality's mean share over them. */
export type MeanShares = Record<string, { frames: number; shares: Record<string, number> }>;

/** Mean share of each modality per mask, by modality name. */
export function meanShares(sums: ShareSums, modalities: readonly Modality[]): MeanShares {
  return Object.fromEntries(
    Object.entries(sums).map(([name, { frames, sums: s }]) => [name, { frames, shares: Object.fromEntries(modalities.map((m, k) => [m, frames === 0 ? 0 : s[k] / frames])) }]),
  );
}
