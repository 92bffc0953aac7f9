/**
 * The comparison lane's geometry and colours: for detectors one row per class of the group, A's
 * events in its upper half and B's in its lower half, so the two read side by side at any zoom; for
 * valence models one plot with both curves. A and B keep one colour each wherever they appear
 * (Okabe–Ito orange and sky blue: apart for every common colour vision, and from the lanes' hues). Pure.
 */
import { NONVERBAL_CLASSES, VERBAL_CLASSES, type EventClass } from '../../../../src-main/contract/domain.js';
import type { CompareTracks } from '../../../../src-main/contract/compare.js';
import { timeToX, type View } from '../../lib/viewport.js';

export const SIDE_COLORS = ['#e69f00', '#56b4e9'] as const;
export const SIDE_NAMES = ['A', 'B'] as const;
export type Side = 0 | 1;

export const ROW_HEIGHT = 22;
export const CURVE_HEIGHT = 96;

/** The classes a detector comparison draws, one row each, in the lanes' order. */
export const rowClasses = (role: CompareTracks['role']): readonly EventClass[] =>
  role === 'valence' ? [] : role === 'verbal' ? VERBAL_CLASSES : NONVERBAL_CLASSES;

export const laneHeight = (role: CompareTracks['role']): number => (role === 'valence' ? CURVE_HEIGHT : rowClasses(role).length * ROW_HEIGHT);

/** Where side `side`'s events of row `row` are drawn, in lane pixels (a pixel apart from the row's edges and from each other). */
export function halfBox(row: number, side: Side): { y: number; height: number } {
  const half = ROW_HEIGHT / 2;
  return { y: row * ROW_HEIGHT + 1 + side * half, height: half - 1.5 };
}

/** Pixel spans [x0, x1) of the events inside the view, at least a pixel wide so a short event still shows. */
export function eventSpans(events: readonly { onset: number; offset: number }[], view: View): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const e of events) {
    const [x0, x1] = [timeToX(view, e.onset), timeToX(view, e.offset)];
    if (x1 < 0 || x0 > view.width) continue;
    const from = Math.max(0, x0);
    spans.push([from, Math.max(from + 1, Math.min(view.width, x1))]);
  }
  return spans;
}
