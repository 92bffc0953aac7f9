/** Time ↔ pixel mapping of the shared timeline viewport. Pure: the reactive holder is state/viewport. */

export interface View {
  /** Time at the left edge, seconds. */
  start: number;
  pxPerSec: number;
  /** Drawable width in CSS pixels. */
  width: number;
}

/** 2000 px/s puts 80 px between 25 fps frames: enough to grab an edge on a single frame. */
export const MAX_PX_PER_SEC = 2000;

export const timeToX = (v: View, t: number): number => (t - v.start) * v.pxPerSec;
export const xToTime = (v: View, x: number): number => v.start + x / v.pxPerSec;
export const viewEnd = (v: View): number => v.start + v.width / v.pxPerSec;

/** The zoom that shows the whole movie; the floor of zooming out. */
export function fitPxPerSec(width: number, duration: number): number {
  if (duration <= 0 || width <= 0) return 100;
  return Math.min(MAX_PX_PER_SEC, width / duration);
}

/** Keeps the zoom within [fit, MAX] and the window inside [0, duration]. */
export function clampView(v: View, duration: number): View {
  const pxPerSec = Math.min(MAX_PX_PER_SEC, Math.max(fitPxPerSec(v.width, duration), v.pxPerSec));
  const span = v.width / pxPerSec;
  const slack = duration - span;
  // Float noise (span ≈ duration at the fit zoom) must not leave a sliver of scroll.
  const start = slack < 1e-9 ? 0 : Math.max(0, Math.min(v.start, slack));
  return { start, pxPerSec, width: v.width };
}

/** Zooms by `factor` keeping `anchor` (seconds) under the same pixel. */
export function zoomAt(v: View, factor: number, anchor: number, duration: number): View {
  const x = timeToX(v, anchor);
  const pxPerSec = v.pxPerSec * factor;
  return clampView({ start: anchor - x / pxPerSec, pxPerSec, width: v.width }, duration);
}

export function panBy(v: View, seconds: number, duration: number): View {
  return clampView({ ...v, start: v.start + seconds }, duration);
}

/** Scrolls by whole pages so `t` is visible again (the playhead running off the right edge). */
export function follow(v: View, t: number, duration: number): View {
  const span = v.width / v.pxPerSec;
  if (t >= v.start && t <= v.start + span) return v;
  return clampView({ ...v, start: t - span * 0.05 }, duration);
}
