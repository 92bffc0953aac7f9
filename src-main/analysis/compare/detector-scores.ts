/**
 * Two detectors scored on the same material: a film's curated events are where people looked, so
 * each film is scored on the 10 s windows (on a grid from its start) that hold one, against those
 * events alone, as the retrain's regression guard scores its held-out windows. Both detectors' events
 * are cut to the same windows and go through sed_eval's segment-based metrics (1 s segments); the
 * windows start on whole seconds, so the segments are the film's own. Pure.
 */
import type { SedEvent } from '../../sed/metrics/event-times.js';
import type { SedMetrics } from '../../sed/metrics/sed-eval-math.js';
import { segmentBasedMetrics, type FilePair } from '../../sed/metrics/segment-based.js';

export const WINDOW_S = 10;

export interface FilmEvents {
  durationS: number;
  /** Curated events of the group. */
  reference: readonly SedEvent[];
  /** Each detector's events on the film. */
  estimated: readonly [readonly SedEvent[], readonly SedEvent[]];
}

export interface PairScores {
  /** Windows scored in all. */
  windows: number;
  overall: [SedMetrics, SedMetrics];
  films: Array<{ windows: number; metrics: [SedMetrics, SedMetrics] }>;
}

/** Windows [from, to) of the grid that a reference event overlaps; the last one ends with the film. */
export function annotatedWindows(reference: readonly SedEvent[], durationS: number, windowS = WINDOW_S): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let from = 0; from < durationS; from += windowS) {
    const to = Math.min(durationS, from + windowS);
    if (reference.some((e) => e.onset < to && e.offset > from)) out.push([from, to]);
  }
  return out;
}

/** The events inside [from, to), cut to it and shifted to start at 0. */
function cut(events: readonly SedEvent[], from: number, to: number): SedEvent[] {
  return events
    .filter((e) => e.onset < to && e.offset > from)
    .map((e) => ({ label: e.label, onset: Math.max(0, e.onset - from), offset: Math.min(to, e.offset) - from }));
}

function pairs(film: FilmEvents, side: 0 | 1, windows: Array<[number, number]>): FilePair[] {
  return windows.map(([from, to]) => ({ reference: cut(film.reference, from, to), estimated: cut(film.estimated[side], from, to), length: to - from }));
}

/** Both detectors on every film's annotated windows: over all of them, and film by film. */
export function scoreBoth(films: readonly FilmEvents[], classes: readonly string[]): PairScores {
  const labels = [...classes];
  const windows = films.map((f) => annotatedWindows(f.reference, f.durationS));
  const score = (side: 0 | 1, only?: number) =>
    segmentBasedMetrics(
      films.flatMap((f, i) => (only === undefined || only === i ? pairs(f, side, windows[i]) : [])),
      labels,
    );
  return {
    windows: windows.reduce((n, w) => n + w.length, 0),
    overall: [score(0), score(1)],
    films: films.map((_, i) => ({ windows: windows[i].length, metrics: [score(0, i), score(1, i)] })),
  };
}
