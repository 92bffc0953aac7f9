/** Events as the project keeps them, and the ops an edit is made of: shared by edits (here) and the store. */
import type { SoundEvent } from '../contract/domain.js';

/** An event as stored, with the track it belongs to (tracks group events by origin). */
export interface StoredEvent extends SoundEvent {
  trackId: number;
}

export const publicEvent = ({ trackId: _t, ...e }: StoredEvent): SoundEvent => e;

export type NewEvent = Omit<StoredEvent, 'id'> & { id?: number };

/** One step of an edit: write this event (create or restore), or delete that one. */
export type EventOp = { op: 'put'; event: StoredEvent } | { op: 'del'; id: number };

/**
 * A rater's valence trace as an edit records it. Traces are named by film and rater, never by row id,
 * so undoing and redoing a new trace cannot collide with rows added in between. NaN is kept as null (JSON).
 */
export interface TraceKey {
  movieId: number;
  rater: string;
}

/** One step of a trace edit: write a whole trace, delete one, or write frames from `start` on. */
export type TraceOp =
  | { op: 'trace-put'; trace: TraceKey; name: string; values: Array<number | null> }
  | { op: 'trace-del'; trace: TraceKey }
  | { op: 'trace-range'; trace: TraceKey; start: number; values: Array<number | null> };

/** What one undoable step is made of: event ops, trace ops, or both. */
export type EditOp = EventOp | TraceOp;
