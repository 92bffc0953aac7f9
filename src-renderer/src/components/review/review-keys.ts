/**
 * The review panel's keys and list bookkeeping, pure so they are tested directly. The keys work while
 * the panel has focus; it takes them before the timeline's shortcuts (1–8, space) see them.
 */
import { EVENT_CLASSES, type EventClass } from '../../../../src-main/contract/domain.js';
import type { ReviewSegment } from '../../../../src-main/contract/review.js';
import type { KeyLike } from '../../lib/shortcuts.js';

export type ReviewKey =
  | { kind: 'move'; by: 1 | -1 }
  | { kind: 'play' }
  | { kind: 'accept' }
  | { kind: 'reject' }
  | { kind: 'relabel'; label: EventClass };

export function reviewKeyFor(e: KeyLike): ReviewKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key === 'j' || key === 'ArrowDown') return { kind: 'move', by: 1 };
  if (key === 'k' || key === 'ArrowUp') return { kind: 'move', by: -1 };
  if (key === 'Enter' || key === ' ') return { kind: 'play' };
  if (key === 'a') return { kind: 'accept' };
  if (key === 'r') return { kind: 'reject' };
  const n = Number(key);
  if (Number.isInteger(n) && n >= 1 && n <= EVENT_CLASSES.length) return { kind: 'relabel', label: EVENT_CLASSES[n - 1] };
  return null;
}

/** What the panel's help line lists. */
export const REVIEW_KEY_HELP: ReadonlyArray<[string, string]> = [
  ['J / ↓', 'next'],
  ['K / ↑', 'previous'],
  ['Enter / Space', 'play it'],
  ['A', 'accept'],
  ['R', 'reject'],
  ['1–8', 'relabel'],
];

const sameSegment = (a: ReviewSegment, b: ReviewSegment) => a.movieId === b.movieId && a.label === b.label && a.start === b.start && a.end === b.end;

/**
 * The row to highlight once the list has changed: the segment highlighted before when it is still
 * listed, else the same place (the next segment slides into the one just decided).
 */
export function keepPlace(before: ReviewSegment | null, index: number, list: readonly ReviewSegment[]): number {
  const found = before ? list.findIndex((s) => sameSegment(s, before)) : -1;
  if (found >= 0) return found;
  return Math.max(0, Math.min(index, list.length - 1));
}

/** "m:ss.s" for times in a list of short segments. */
export function clock(t: number): string {
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, '0')}`;
}
