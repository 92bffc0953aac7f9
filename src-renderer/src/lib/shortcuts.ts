/** Keyboard shortcuts of the timeline, as a pure key → action mapping. */

export type Shortcut =
  | { kind: 'play-toggle' }
  | { kind: 'step'; frames: number }
  | { kind: 'zoom'; factor: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'delete' }
  | { kind: 'relabel'; index: number }
  | { kind: 'select-all' }
  | { kind: 'deselect' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export const ZOOM_STEP = 1.5;

export function shortcutFor(e: KeyLike): Shortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (key === 'y') return { kind: 'redo' };
    if (key === 'a') return { kind: 'select-all' };
    return null;
  }
  if (e.altKey) return null;
  switch (key) {
    case ' ':
      return { kind: 'play-toggle' };
    case 'ArrowLeft':
      return { kind: 'step', frames: -1 };
    case 'ArrowRight':
      return { kind: 'step', frames: 1 };
    case '+':
    case '=':
      return { kind: 'zoom', factor: ZOOM_STEP };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / ZOOM_STEP };
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'Escape':
      return { kind: 'deselect' };
  }
  if (/^[1-8]$/.test(key)) return { kind: 'relabel', index: Number(key) - 1 };
  return null;
}

/** Typing in a field must not play the movie or delete events. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return (target as Element).closest('input, textarea, select, [contenteditable="true"]') !== null;
}
