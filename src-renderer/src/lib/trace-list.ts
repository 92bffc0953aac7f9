/**
 * What the valence lane lists and draws for a film: each rater's trace, the mean of raters (when there
 * are two or more to average), and each model's prediction, every one with its own colour.
 */
import { VALENCE_RATE_HZ, type ValenceSeriesInfo } from '../../../src-main/contract/domain.js';
import { buildSeriesPyramid, type Pyramid } from './pyramid.js';
import { assignColors, MEAN_COLOR, MODEL_PALETTE, RATER_PALETTE } from './palette.js';
// The same mean the core trains and exports on (a pure function): the lane must show what training uses.
import { meanTrace } from '../../../src-main/contract/traces.js';

export interface LoadedSeries {
  info: ValenceSeriesInfo;
  /** 25 Hz, NaN where unrated. */
  values: Float32Array;
}

export type TraceKind = 'rater' | 'mean' | 'prediction';

export interface TraceEntry {
  /** Stable across reloads: what show/hide remembers. */
  key: string;
  kind: TraceKind;
  label: string;
  /** The rater whose trace this is; null for the mean and predictions (neither can be edited). */
  rater: string | null;
  /** The stored series behind the curve; null for the mean, which is computed. */
  seriesId: number | null;
  color: string;
  values: Float32Array;
  /** For drawing at any zoom. */
  pyramid: Pyramid;
}

const MEAN_KEY = 'mean';
export const raterKey = (rater: string): string => `rater:${rater}`;

/** An annotation's rater: traces from before raters existed carry their name as rater. */
const raterOf = (info: ValenceSeriesInfo): string => info.rater ?? info.name;

/** Listing order: raters by name, then the mean, then predictions by name. */
export function traceEntries(series: readonly LoadedSeries[]): TraceEntry[] {
  const entry = (e: Omit<TraceEntry, 'pyramid'>): TraceEntry => ({ ...e, pyramid: buildSeriesPyramid(e.values, VALENCE_RATE_HZ) });
  const raters = series.filter((s) => s.info.kind === 'annotation').sort((a, b) => raterOf(a.info).localeCompare(raterOf(b.info)));
  const models = series.filter((s) => s.info.kind === 'prediction').sort((a, b) => a.info.name.localeCompare(b.info.name));
  const raterColors = assignColors(raters.map((s) => raterOf(s.info)), RATER_PALETTE);
  const modelColors = assignColors(models.map((s) => s.info.modelVersion ?? s.info.name), MODEL_PALETTE);
  const entries: TraceEntry[] = raters.map((s) => {
    const rater = raterOf(s.info);
    return entry({ key: raterKey(rater), kind: 'rater', label: rater, rater, seriesId: s.info.id, color: raterColors.get(rater)!, values: s.values });
  });
  if (raters.length >= 2) {
    entries.push(entry({ key: MEAN_KEY, kind: 'mean', label: 'mean of raters', rater: null, seriesId: null, color: MEAN_COLOR, values: meanTrace(raters.map((s) => s.values)) }));
  }
  for (const s of models) {
    const model = s.info.modelVersion ?? s.info.name;
    entries.push(entry({ key: `model:${s.info.id}`, kind: 'prediction', label: s.info.name, rater: null, seriesId: s.info.id, color: modelColors.get(model)!, values: s.values }));
  }
  return entries;
}

/** Drawing order: predictions at the back, raters over them, the mean on top. */
export function drawOrder(entries: readonly TraceEntry[]): TraceEntry[] {
  const rank: Record<TraceKind, number> = { prediction: 0, rater: 1, mean: 2 };
  return [...entries].sort((a, b) => rank[a.kind] - rank[b.kind]);
}
