/**
 * Turns one user edit into the ops that do it and the ops that undo it. Pure: reads the current
 * events it is given and writes nothing; the history repository applies the ops in a transaction.
 */
import type { EventClass } from '../contract/domain.js';
import { badRequest, notFound } from '../contract/errors.js';
import type { EditOp, EventOp, StoredEvent } from './event-types.js';

/** One undoable step: the ops that do it and the ops that undo it. */
export interface Edit {
  label: string;
  forward: EditOp[];
  backward: EditOp[];
}

export interface EventPatch {
  id: number;
  label?: EventClass;
  onset?: number;
  offset?: number;
}

function checkBounds(onset: number, offset: number, duration: number): void {
  if (!(offset > onset)) throw badRequest(`an event must end after it starts (onset ${onset}, offset ${offset})`);
  if (onset < 0 || offset > duration + 1e-6) {
    throw badRequest(`event ${onset.toFixed(3)}–${offset.toFixed(3)} s lies outside the movie (0–${duration.toFixed(3)} s)`);
  }
}

/** Throws a readable error unless every new event lies inside the movie and ends after it starts. */
export function checkNewEvents(events: readonly { onset: number; offset: number }[], duration: number): void {
  for (const e of events) checkBounds(e.onset, e.offset, duration);
}

/** `created` already carry the ids the database gave them, so redo re-creates the same rows. */
export function createEdit(created: StoredEvent[], label: string): Edit {
  return {
    label,
    forward: created.map((event) => ({ op: 'put', event })),
    backward: created.map((e) => ({ op: 'del', id: e.id })),
  };
}

/** Editing a model's event makes it the researcher's: its source becomes 'human'. */
export function updateEdit(current: Map<number, StoredEvent>, patches: EventPatch[], duration: number): Edit {
  const forward: EventOp[] = [];
  const backward: EventOp[] = [];
  for (const p of patches) {
    const before = current.get(p.id);
    if (!before) throw notFound(`no event ${p.id} in this movie`);
    const after: StoredEvent = {
      ...before,
      label: p.label ?? before.label,
      onset: p.onset ?? before.onset,
      offset: p.offset ?? before.offset,
      source: 'human',
    };
    checkBounds(after.onset, after.offset, duration);
    forward.push({ op: 'put', event: after });
    backward.push({ op: 'put', event: before });
  }
  const label = patches.length === 1 ? 'edit event' : `edit ${patches.length} events`;
  return { label, forward, backward };
}

export function deleteEdit(current: Map<number, StoredEvent>, ids: number[]): Edit {
  const doomed = ids.map((id) => {
    const e = current.get(id);
    if (!e) throw notFound(`no event ${id} in this movie`);
    return e;
  });
  return {
    label: doomed.length === 1 ? 'delete event' : `delete ${doomed.length} events`,
    forward: doomed.map((e) => ({ op: 'del', id: e.id })),
    backward: doomed.map((event) => ({ op: 'put', event })),
  };
}
