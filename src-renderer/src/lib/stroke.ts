/**
 * A pointer stroke drawn over the valence lane, turned into one value per 25 Hz frame: between two
 * pointer samples the value is interpolated linearly, and where the stroke doubles back the later
 * part wins, as when drawing over a line.
 */
import { clampValence } from './rating-input.js';

export interface StrokePoint {
  /** Film time, seconds. */
  t: number;
  /** Valence at the pointer. */
  v: number;
}

/** Frames [start, start + values.length) the stroke covers, within a film of `frames` frames; null for an empty stroke. */
export function strokeFrames(points: readonly StrokePoint[], rate: number, frames: number): { start: number; values: number[] } | null {
  if (points.length === 0 || frames <= 0) return null;
  const clampFrame = (p: number) => Math.max(0, Math.min(frames - 1, p));
  const pos = points.map((p) => ({ p: clampFrame(p.t * rate), v: clampValence(p.v) }));
  const lo = Math.max(0, Math.ceil(Math.min(...pos.map((q) => q.p)) - 1e-9));
  const hi = Math.floor(Math.max(...pos.map((q) => q.p)) + 1e-9);
  // A stroke inside one frame interval crosses no frame boundary: it sets the nearest frame.
  if (hi < lo) return { start: Math.round(pos[0].p), values: [pos[pos.length - 1].v] };
  const values = new Array<number>(hi - lo + 1).fill(pos[0].v);
  for (let i = 0; i < pos.length; i++) {
    const a = pos[Math.max(0, i - 1)];
    const b = pos[i];
    const from = Math.ceil(Math.min(a.p, b.p) - 1e-9);
    const to = Math.floor(Math.max(a.p, b.p) + 1e-9);
    for (let k = from; k <= to; k++) {
      const w = b.p === a.p ? 1 : (k - a.p) / (b.p - a.p);
      values[k - lo] = a.v + (b.v - a.v) * Math.max(0, Math.min(1, w));
    }
  }
  return { start: lo, values };
}
