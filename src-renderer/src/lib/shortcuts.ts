/**
 * Every keyboard shortcut, in one table: the key handlers look keys up in it and the help overlay
 * lists it, so the two cannot drift apart.
 */
import { EVENT_CLASSES } from '../../../src-main/contract/domain.js';

export type Shortcut =
  | { kind: 'play-toggle' }
  | { kind: 'step'; frames: number }
  | { kind: 'speed'; direction: 1 | -1 }
  | { kind: 'speed-reset' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'delete' }
  | { kind: 'relabel'; index: number }
  | { kind: 'select-all' }
  | { kind: 'deselect' }
  | { kind: 'help' };

/** The keys a rating pass owns while it runs (the rating panel handles them). */
export type RatingKey = { kind: 'nudge'; direction: 1 | -1 } | { kind: 'pause' } | { kind: 'stop' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Binding<A> {
  /** `KeyboardEvent.key` values, letters lower-case; any one of them triggers the action. */
  keys: readonly string[];
  /** Ctrl (or ⌘ on a Mac) held. Without it Shift is ignored: '+' and '?' need Shift on many layouts. */
  mod?: boolean;
  /** With `mod`: Shift must be held (true) or not (false). */
  shift?: boolean;
  action: A;
  group: string;
  what: string;
}

export const ZOOM_STEP = 1.5;

const TIMELINE: readonly Binding<Shortcut>[] = [
  { keys: [' '], action: { kind: 'play-toggle' }, group: 'Playback', what: 'Play or pause' },
  { keys: ['ArrowLeft'], action: { kind: 'step', frames: -1 }, group: 'Playback', what: 'One frame back' },
  { keys: ['ArrowRight'], action: { kind: 'step', frames: 1 }, group: 'Playback', what: 'One frame on' },
  { keys: ['['], action: { kind: 'speed', direction: -1 }, group: 'Playback', what: 'Slower playback speed' },
  { keys: [']'], action: { kind: 'speed', direction: 1 }, group: 'Playback', what: 'Faster playback speed' },
  { keys: ['\\'], action: { kind: 'speed-reset' }, group: 'Playback', what: 'Playback speed back to 1×' },
  { keys: ['+', '='], action: { kind: 'zoom', factor: ZOOM_STEP }, group: 'Timeline', what: 'Zoom in' },
  { keys: ['-', '_'], action: { kind: 'zoom', factor: 1 / ZOOM_STEP }, group: 'Timeline', what: 'Zoom out' },
  { keys: ['z'], mod: true, shift: false, action: { kind: 'undo' }, group: 'Editing', what: 'Undo' },
  { keys: ['z'], mod: true, shift: true, action: { kind: 'redo' }, group: 'Editing', what: 'Redo' },
  { keys: ['y'], mod: true, action: { kind: 'redo' }, group: 'Editing', what: 'Redo' },
  { keys: ['a'], mod: true, action: { kind: 'select-all' }, group: 'Editing', what: 'Select all events' },
  { keys: ['Delete', 'Backspace'], action: { kind: 'delete' }, group: 'Editing', what: 'Delete the selected events' },
  ...EVENT_CLASSES.map((label, index) => ({
    keys: [String(index + 1)],
    action: { kind: 'relabel', index } as const,
    group: 'Editing',
    what: `Relabel the selection: ${label}`,
  })),
  { keys: ['Escape'], action: { kind: 'deselect' }, group: 'Editing', what: 'Clear the selection (or cancel a drag)' },
  { keys: ['?', 'F1'], action: { kind: 'help' }, group: 'Help', what: 'Show or hide this list' },
];

const RATING: readonly Binding<RatingKey>[] = [
  { keys: ['ArrowUp'], action: { kind: 'nudge', direction: 1 }, group: 'During a rating pass', what: 'Valence up' },
  { keys: ['ArrowDown'], action: { kind: 'nudge', direction: -1 }, group: 'During a rating pass', what: 'Valence down' },
  { keys: [' '], action: { kind: 'pause' }, group: 'During a rating pass', what: 'Pause or resume the pass' },
  { keys: ['Escape'], action: { kind: 'stop' }, group: 'During a rating pass', what: 'Stop the pass and store it' },
];

function lookup<A>(table: readonly Binding<A>[], e: KeyLike): A | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const hit = table.find((b) => !!b.mod === mod && b.keys.includes(key) && (!b.mod || b.shift === undefined || b.shift === e.shiftKey));
  return hit?.action ?? null;
}

export const shortcutFor = (e: KeyLike): Shortcut | null => lookup(TIMELINE, e);
export const ratingKeyFor = (e: KeyLike): RatingKey | null => lookup(RATING, e);

const KEY_NAMES: Record<string, string> = { ' ': 'Space', ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc' };

const keyName = (key: string) => KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key);

export interface HelpRow {
  /** Each way to press it, e.g. ["Ctrl/⌘ + Shift + Z"]. */
  keys: string[];
  what: string;
}

/** The shortcut list by group, in table order, for the help overlay. */
export function shortcutHelp(): { group: string; rows: HelpRow[] }[] {
  const groups = new Map<string, HelpRow[]>();
  for (const b of [...TIMELINE, ...RATING]) {
    const prefix = (b.mod ? 'Ctrl/⌘ + ' : '') + (b.mod && b.shift ? 'Shift + ' : '');
    const keys = b.keys.map((k) => prefix + keyName(k));
    const rows = groups.get(b.group) ?? [];
    const same = rows.find((r) => r.what === b.what);
    if (same) same.keys.push(...keys);
    else rows.push({ keys, what: b.what });
    groups.set(b.group, rows);
  }
  return [...groups].map(([group, rows]) => ({ group, rows }));
}

/** Typing in a field must not play the movie or delete events. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (target as Element).closest('input, textarea, select, [contenteditable="true"]') !== null;
}
