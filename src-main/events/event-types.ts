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
