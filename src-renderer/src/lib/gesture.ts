/**
 * What a pointer drag on the event lanes does, as data: created from the pointer-down hit, updated
 * with each move, turned into API edits on release. No DOM here, so it is unit-testable.
 */
import { EVENT_CLASSES, type EventClass, type SoundEvent } from '../../../src-main/contract/domain.js';
import { moveDelta, resize, spanBetween, type Span } from './edit.js';

/** A press that moves less than this is a click (select, seek), not a drag. */
export const DRAG_THRESHOLD_PX = 3;

export type Gesture =
  | { kind: 'create'; label: EventClass; from: number; to: number }
  | { kind: 'move'; originals: SoundEvent[]; from: number; laneFrom: number; dt: number; dLane: number }
  | { kind: 'resize'; original: SoundEvent; edge: 'start' | 'end'; to: number };

export interface Edit {
  create?: { label: EventClass } & Span;
  patches?: { id: number; label?: EventClass; onset?: number; offset?: number }[];
}

/** Pointer now at time t over lane index `lane` (clamped to the lanes). */
export function dragTo(g: Gesture, t: number, lane: number, duration: number): Gesture {
  switch (g.kind) {
    case 'create':
      return { ...g, to: t };
    case 'resize':
      return { ...g, to: t };
    case 'move': {
      const dt = moveDelta(g.originals, t - g.from, duration);
      // Every moved event shifts by the same number of lanes, none past the first or last lane.
      const indexes = g.originals.map((e) => EVENT_CLASSES.indexOf(e.label));
      const dLane = Math.max(-Math.min(...indexes), Math.min(EVENT_CLASSES.length - 1 - Math.max(...indexes), lane - g.laneFrom));
      return { ...g, dt, dLane };
    }
  }
}

/** Where each affected event is drawn while the drag is in progress. */
export function preview(g: Gesture, duration: number): (SoundEvent | ({ id: -1; label: EventClass } & Span))[] {
  switch (g.kind) {
    case 'create':
      return [{ id: -1, label: g.label, ...spanBetween(g.from, g.to, duration) }];
    case 'resize':
      return [{ ...g.original, ...resize(g.original, g.edge, g.to, duration) }];
    case 'move':
      return g.originals.map((e) => ({
        ...e,
        onset: e.onset + g.dt,
        offset: e.offset + g.dt,
        label: EVENT_CLASSES[EVENT_CLASSES.indexOf(e.label) + g.dLane],
      }));
  }
}

/** The API edit a finished drag stands for; empty when nothing changed. */
export function commit(g: Gesture, duration: number, minSeconds: number): Edit {
  if (g.kind === 'create') {
    const span = spanBetween(g.from, g.to, duration);
    return span.offset - span.onset >= minSeconds ? { create: { label: g.label, ...span } } : {};
  }
  const moved = preview(g, duration) as SoundEvent[];
  const originals = g.kind === 'move' ? g.originals : [g.original];
  const patches = moved
    .map((e, i) => {
      const o = originals[i];
      const p: { id: number; label?: EventClass; onset?: number; offset?: number } = { id: e.id };
      if (e.onset !== o.onset) p.onset = e.onset;
      if (e.offset !== o.offset) p.offset = e.offset;
      if (e.label !== o.label) p.label = e.label;
      return p;
    })
    .filter((p) => Object.keys(p).length > 1);
  return patches.length ? { patches } : {};
}
