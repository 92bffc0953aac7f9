/** Which event, and which part of it, is under the pointer in a lane. */
import { EVENT_CLASSES, type EventClass, type SoundEvent } from '../../../src-main/contract/domain.js';
import { rowAt, type Lane } from './lanes.js';
import { timeToX, type View } from './viewport.js';

export type EventPart = 'body' | 'start' | 'end';

export interface Hit {
  event: SoundEvent;
  part: EventPart;
}

/** Edges are grabbable this many pixels either side. */
export const EDGE_PX = 5;

/**
 * Selected events win over unselected ones, then the one drawn last (latest onset) — the one on top.
 * Edges win over bodies only when the event is wide enough to also leave a body to grab.
 */
export function hitEvent(events: readonly SoundEvent[], view: View, x: number, selected: ReadonlySet<number>): Hit | null {
  let best: Hit | null = null;
  let bestSelected = false;
  for (const e of events) {
    const x0 = timeToX(view, e.onset);
    const x1 = timeToX(view, e.offset);
    if (x < x0 - EDGE_PX || x > x1 + EDGE_PX) continue;
    const wide = x1 - x0 > 3 * EDGE_PX;
    let part: EventPart | null = null;
    if (wide && Math.abs(x - x0) <= EDGE_PX) part = 'start';
    else if (wide && Math.abs(x - x1) <= EDGE_PX) part = 'end';
    else if (x >= x0 && x <= x1) part = 'body';
    else if (!wide) part = x < x0 ? 'start' : 'end';
    if (!part) continue;
    const isSelected = selected.has(e.id);
    if (!best || isSelected || !bestSelected) {
      best = { event: e, part };
      bestSelected = isSelected;
    }
  }
  return best;
}

/** The event under (x, y) in a lane of packed rows: only the row under y competes. */
export function hitInLane(
  events: readonly SoundEvent[],
  rowOf: ReadonlyMap<number, number>,
  lane: Lane,
  view: View,
  x: number,
  y: number,
  selected: ReadonlySet<number>,
): Hit | null {
  const row = rowAt(lane, y);
  return hitEvent(events.filter((e) => (rowOf.get(e.id) ?? 0) === row), view, x, selected);
}

/** Events of a lane that overlap [from, to): the ones worth drawing. */
export function visibleEvents(events: readonly SoundEvent[], from: number, to: number): SoundEvent[] {
  return events.filter((e) => e.offset > from && e.onset < to);
}

/** A rubber band from lane `laneA` to `laneB` (indexes, either order) over [t0, t1] (either order). */
export interface Band {
  t0: number;
  t1: number;
  laneA: number;
  laneB: number;
}

/** Ids of the events a rubber band touches. */
export function eventsInBand(byLabel: Record<EventClass, readonly SoundEvent[]>, band: Band): number[] {
  const [from, to] = band.t0 < band.t1 ? [band.t0, band.t1] : [band.t1, band.t0];
  const [first, last] = band.laneA < band.laneB ? [band.laneA, band.laneB] : [band.laneB, band.laneA];
  return EVENT_CLASSES.slice(first, last + 1).flatMap((label) => visibleEvents(byLabel[label], from, to).map((e) => e.id));
}
