/**
 * How unsure a detector is, per 25 Hz frame and class, read from its activity as post-processing
 * reads it (median-filtered, then compared with the class's threshold). Two measures:
 *
 * - margin: activity near the class's threshold. Measured in logit units, so a threshold of 0.25 and
 *   one of 0.75 get the same room either side (0.05 below 0.25 means far more than 0.05 above 0.5).
 * - confusion: the group's classes about equally active (the entropy of their normalised activities),
 *   weighed by how active the most active class is relative to its threshold, so near-silence (all
 *   classes equally close to 0) is not called confusion. It is charged to that most active class:
 *   the reviewer confirms it or relabels.
 *
 * Both lie in [0, 1], 1 most unsure. Pure.
 */
import { medianFilter, type ClassPostprocess } from '../postprocess.js';

export interface UncertaintySettings {
  /** Logit distance from the threshold at which the margin measure reaches 0. */
  logitBand: number;
}

export const UNCERTAINTY_DEFAULTS: UncertaintySettings = { logitBand: 1.5 };

/** [frames × K] each. */
export interface FrameUncertainty {
  margin: Float32Array;
  confusion: Float32Array;
}

const EPS = 1e-4;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};

/** 1 on the threshold, falling linearly in logit distance to 0 at `band`. */
export function marginUncertainty(activity: number, threshold: number, band: number): number {
  return Math.max(0, 1 - Math.abs(logit(activity) - logit(threshold)) / band);
}

/** Entropy of the activities normalised to sum 1, over log K (0 with one class or none active). */
export function normalisedEntropy(values: ArrayLike<number>): number {
  const k = values.length;
  let sum = 0;
  for (let c = 0; c < k; c++) sum += Math.max(0, values[c]);
  if (k < 2 || sum <= 0) return 0;
  let h = 0;
  for (let c = 0; c < k; c++) {
    const p = Math.max(0, values[c]) / sum;
    if (p > 0) h -= p * Math.log(p);
  }
  return h / Math.log(k);
}

/**
 * `activity` is row-major [frames × K] as the sed.<group> set stores it; `postprocess[c]` is the
 * class's threshold and median filter.
 */
export function frameUncertainty(
  activity: Float32Array,
  postprocess: readonly ClassPostprocess[],
  settings: UncertaintySettings = UNCERTAINTY_DEFAULTS,
): FrameUncertainty {
  const k = postprocess.length;
  const frames = Math.floor(activity.length / k);
  const smooth = postprocess.map((s, c) => {
    const column = new Float32Array(frames);
    for (let f = 0; f < frames; f++) column[f] = activity[f * k + c];
    return medianFilter(column, s.medianFrames);
  });
  const margin = new Float32Array(frames * k);
  const confusion = new Float32Array(frames * k);
  const row = new Float32Array(k);
  for (let f = 0; f < frames; f++) {
    let top = 0;
    for (let c = 0; c < k; c++) {
      row[c] = smooth[c][f];
      margin[f * k + c] = marginUncertainty(row[c], postprocess[c].threshold, settings.logitBand);
      if (row[c] / postprocess[c].threshold > row[top] / postprocess[top].threshold) top = c;
    }
    const presence = Math.min(1, row[top] / postprocess[top].threshold);
    confusion[f * k + top] = normalisedEntropy(row) * presence;
  }
  return { margin, confusion };
}
