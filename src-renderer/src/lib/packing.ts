/**
 * Overlapping events of one lane get rows of their own, so each stays visible, hoverable and
 * grabbable. Greedy by onset, each event takes the first row that is free at its onset: for intervals
 * this uses the fewest rows possible. Past `maxRows` an event shares the row that frees first.
 */
import { EVENT_CLASSES, type EventClass } from '../../../src-main/contract/domain.js';
import type { Span } from './edit.js';

export const MAX_ROWS = 4;

type Packable = Span & { id: number };

export interface Packing {
  /** Row of each event id, 0 at the top. */
  rowOf: Map<number, number>;
  /** Rows the lane needs, at least 1. */
  rows: number;
}

export function packRows(events: readonly Packable[], maxRows = MAX_ROWS): Packing {
  const sorted = [...events].sort((a, b) => a.onset - b.onset || a.id - b.id);
  const ends: number[] = [];
  const rowOf = new Map<number, number>();
  for (const e of sorted) {
    let row = ends.findIndex((end) => end <= e.onset);
    if (row < 0) row = ends.length < maxRows ? ends.length : ends.indexOf(Math.min(...ends));
    ends[row] = Math.max(ends[row] ?? e.offset, e.offset);
    rowOf.set(e.id, row);
  }
  return { rowOf, rows: Math.max(1, ends.length) };
}

/** Every lane packed: one id → row map (ids are unique across lanes) and the rows per lane. */
export function packLanes(byLabel: Record<EventClass, readonly Packable[]>, maxRows = MAX_ROWS): { rowOf: Map<number, number>; rows: Record<EventClass, number> } {
  const rowOf = new Map<number, number>();
  const rows = {} as Record<EventClass, number>;
  for (const label of EVENT_CLASSES) {
    const p = packRows(byLabel[label], maxRows);
    p.rowOf.forEach((row, id) => rowOf.set(id, row));
    rows[label] = p.rows;
  }
  return { rowOf, rows };
}
