/**
 * Frame uncertainty → segments a person can judge in one listen, and the order they are offered in.
 * Per class, runs of frames at least `floor` unsure (nearby runs merged, flickers dropped), long runs
 * cut into equal pieces, short ones widened around their centre; a segment's score is the mean
 * uncertainty over its own frames. Pure; times in seconds from the film's start.
 */
import type { FrameUncertainty } from './uncertainty.js';

export interface SegmentSettings {
  /** A frame at least this unsure (0–1) belongs to a segment. */
  floor: number;
  /** Runs closer than this merge into one. */
  mergeGapS: number;
  /** Runs shorter than this are dropped: a flicker is no segment. */
  minRunS: number;
  /** Shorter segments are widened to this, centred, so there is something to hear. */
  minLengthS: number;
  /** Longer runs are cut into equal pieces no longer than this: one verdict per piece. */
  maxLengthS: number;
}

export const SEGMENT_DEFAULTS: SegmentSettings = { floor: 0.5, mergeGapS: 0.5, minRunS: 0.12, minLengthS: 1, maxLengthS: 3 };

export type UncertaintyReason = 'threshold' | 'confusion';

export interface UncertainSegment {
  label: string;
  start: number;
  end: number;
  /** Mean uncertainty over the segment's frames, 0–1. */
  score: number;
  /** Which measure made it unsure: activity near the threshold, or the group's classes alike. */
  reason: UncertaintyReason;
}

export interface LabelledSpan {
  label: string;
  start: number;
  end: number;
}

/** Runs [from, to) of frames where `v` ≥ floor, merged across gaps under `gap` frames. */
function runsAbove(v: Float32Array, floor: number, gap: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let f = 0; f < v.length; ) {
    if (v[f] < floor) {
      f++;
      continue;
    }
    const from = f;
    while (f < v.length && v[f] >= floor) f++;
    const last = runs[runs.length - 1];
    if (last && from - last[1] < gap) last[1] = f;
    else runs.push([from, f]);
  }
  return runs;
}

/** `classes[c]` names column c of the [frames × K] uncertainty; `rate` is frames per second. */
export function uncertainSegments(u: FrameUncertainty, classes: readonly string[], rate: number, s: SegmentSettings = SEGMENT_DEFAULTS): UncertainSegment[] {
  const k = classes.length;
  const frames = u.margin.length / k;
  const duration = frames / rate;
  const out: UncertainSegment[] = [];
  for (let c = 0; c < k; c++) {
    const margin = new Float32Array(frames);
    const confusion = new Float32Array(frames);
    const v = new Float32Array(frames);
    for (let f = 0; f < frames; f++) {
      margin[f] = u.margin[f * k + c];
      confusion[f] = u.confusion[f * k + c];
      v[f] = Math.max(margin[f], confusion[f]);
    }
    for (const [from, to] of runsAbove(v, s.floor, Math.round(s.mergeGapS * rate))) {
      if ((to - from) / rate < s.minRunS) continue;
      const pieces = Math.ceil((to - from) / (s.maxLengthS * rate));
      for (let p = 0; p < pieces; p++) {
        const a = from + Math.round(((to - from) * p) / pieces);
        const b = from + Math.round(((to - from) * (p + 1)) / pieces);
        let [sum, sumMargin, sumConfusion] = [0, 0, 0];
        for (let f = a; f < b; f++) [sum, sumMargin, sumConfusion] = [sum + v[f], sumMargin + margin[f], sumConfusion + confusion[f]];
        const [start, end] = widen(a / rate, b / rate, s.minLengthS, duration);
        out.push({ label: classes[c], start, end, score: sum / (b - a), reason: sumMargin >= sumConfusion ? 'threshold' : 'confusion' });
      }
    }
  }
  return out;
}

/** [start, end) widened about its centre to `length`, kept inside [0, duration]. */
function widen(start: number, end: number, length: number, duration: number): [number, number] {
  if (end - start >= length || duration <= length) return end - start >= length ? [start, end] : [0, duration];
  const from = Math.min(Math.max(0, (start + end) / 2 - length / 2), duration - length);
  return [from, from + length];
}

/** Seconds of [start, end) covered by the union of `spans`. */
export function covered(start: number, end: number, spans: readonly LabelledSpan[]): number {
  const cut = spans
    .map((x) => [Math.max(start, x.start), Math.min(end, x.end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = start;
  for (const [a, b] of cut) {
    if (b <= reach) continue;
    total += b - Math.max(a, reach);
    reach = b;
  }
  return total;
}

/**
 * The segments a person has not settled yet: those with less than `share` of their length covered by
 * settled spans (decisions, events people made or imported) of their own class.
 */
export function unsettled<T extends LabelledSpan>(segments: readonly T[], settled: readonly LabelledSpan[], share = 0.5): T[] {
  const byLabel = new Map<string, LabelledSpan[]>();
  for (const x of settled) {
    const list = byLabel.get(x.label);
    if (list) list.push(x);
    else byLabel.set(x.label, [x]);
  }
  return segments.filter((x) => covered(x.start, x.end, byLabel.get(x.label) ?? []) < share * (x.end - x.start));
}

/** Worst (highest score) first; ties by film, then time. */
export function worstFirst<T extends { score: number; start: number; movieId?: number }>(segments: readonly T[]): T[] {
  return [...segments].sort((a, b) => b.score - a.score || (a.movieId ?? 0) - (b.movieId ?? 0) || a.start - b.start);
}
