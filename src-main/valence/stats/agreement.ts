/**
 * Inter-rater agreement of continuous valence traces (one Float32Array per rater, one value per
 * 25 Hz frame, NaN where that rater gave none), over the frames every rater rated. The keys are the
 * public names the CLI's --json and the app show.
 */
import type { RaterAgreement } from '../../contract/api.js';
import { linCcc, meanPairwise, pearson } from './concordance.js';
import { cronbachAlpha, twoWayIcc } from './icc.js';
import { krippendorffAlphaInterval } from './krippendorff.js';

/** The coefficients as the API and the CLI name them (the contract defines the keys). */
export type Agreement = Omit<RaterAgreement, 'rater_names'>;

export type Coefficient = Exclude<keyof Agreement, 'raters' | 'frames'>;

export const COEFFICIENTS: readonly Coefficient[] = [
  'cronbach_alpha',
  'icc_2_1',
  'icc_2_k',
  'icc_3_1',
  'icc_3_k',
  'krippendorff_alpha_interval',
  'mean_pairwise_ccc',
  'mean_pairwise_pearson',
];

const NONE = Object.fromEntries(COEFFICIENTS.map((c) => [c, null])) as Record<Coefficient, null>;

/** Each rater's values at the frames where all raters have one; a trace shorter than another counts as NaN past its end. */
export function commonFrames(traces: readonly Float32Array[]): Float64Array[] {
  const length = Math.min(...traces.map((t) => t.length));
  const keep: number[] = [];
  for (let f = 0; f < length; f++) if (traces.every((t) => Number.isFinite(t[f]))) keep.push(f);
  return traces.map((t) => Float64Array.from(keep, (f) => t[f]));
}

/**
 * All coefficients over the common frames. With fewer than 2 raters or fewer than 2 common frames
 * there is nothing to compare, and every coefficient is null; so is any coefficient that is
 * undefined for the data (0/0, e.g. every rater constant at the same value).
 */
export function agreement(traces: readonly Float32Array[]): Agreement {
  const raters = traces.length;
  const columns = raters === 0 ? [] : commonFrames(traces);
  const frames = columns.length === 0 ? 0 : columns[0].length;
  if (raters < 2 || frames < 2) return { raters, frames, ...NONE };
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  const icc = twoWayIcc(columns);
  return {
    raters,
    frames,
    cronbach_alpha: finite(cronbachAlpha(columns)),
    icc_2_1: finite(icc.icc_2_1),
    icc_2_k: finite(icc.icc_2_k),
    icc_3_1: finite(icc.icc_3_1),
    icc_3_k: finite(icc.icc_3_k),
    krippendorff_alpha_interval: finite(krippendorffAlphaInterval(columns)),
    mean_pairwise_ccc: finite(meanPairwise(columns, linCcc)),
    mean_pairwise_pearson: finite(meanPairwise(columns, pearson)),
  };
}
