/**
 * Where a context menu opens: at the pointer, flipped to the pointer's other side on the axis where
 * it would run past the window, and pushed inside when neither side has room.
 */
export interface Size {
  width: number;
  height: number;
}

/** Keeps the menu off the window's very edge. */
const MARGIN = 4;

function along(at: number, size: number, room: number): number {
  if (at + size + MARGIN <= room) return at;
  if (at - size >= MARGIN) return at - size;
  return Math.max(MARGIN, room - size - MARGIN);
}

export function placeMenu(x: number, y: number, menu: Size, window: Size): { left: number; top: number } {
  return { left: along(x, menu.width, window.width), top: along(y, menu.height, window.height) };
}
