/** Pure geometry of event edits while dragging: the result is what gets sent to the API on release. */
import type { SoundEvent } from '../../../src-main/contract/domain.js';

/** One 25 fps frame: the shortest event the editor makes. */
export const MIN_EVENT_SECONDS = 0.04;

export interface Span {
  onset: number;
  offset: number;
}

/** A new event between two pointer times, in either drag direction, kept inside the movie. */
export function spanBetween(a: number, b: number, duration: number): Span {
  const onset = Math.max(0, Math.min(a, b));
  const offset = Math.min(duration, Math.max(a, b));
  return { onset, offset };
}

/** Shifts a group by dt, clamped as a block so relative positions never change. */
export function moveDelta(events: readonly Span[], dt: number, duration: number): number {
  if (events.length === 0) return 0;
  const first = Math.min(...events.map((e) => e.onset));
  const last = Math.max(...events.map((e) => e.offset));
  return Math.max(-first, Math.min(duration - last, dt));
}

/** Drags one edge to t, never past the other edge minus the minimum length, never outside the movie. */
export function resize(e: Span, edge: 'start' | 'end', t: number, duration: number): Span {
  if (edge === 'start') return { onset: Math.max(0, Math.min(t, e.offset - MIN_EVENT_SECONDS)), offset: e.offset };
  return { onset: e.onset, offset: Math.min(duration, Math.max(t, e.onset + MIN_EVENT_SECONDS)) };
}

/** Events sorted by onset then id, the order lanes draw and hit-test in. */
export function sortEvents(events: SoundEvent[]): SoundEvent[] {
  return events.sort((a, b) => a.onset - b.onset || a.id - b.id);
}
