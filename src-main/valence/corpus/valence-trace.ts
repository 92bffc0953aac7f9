/**
 * Valence traces of the synthetic corpus: a base taken from a real COGNIMUSE trace (a random stretch
 * of it, resampled to the movie's length and scaled down), then pulled by the inserted events.
 */
import { VALENCE_RATE_HZ, type EventClass } from '../../contract/domain.js';
import type { Rng } from '../../util/random.js';
import { EVENT_EFFECTS, RESPONSE } from './event-effects.js';

export interface BaseCut {
  /** First source frame used. */
  from: number;
  /** Source frames squeezed into the movie (≥ the movie's frames: the trace plays faster). */
  span: number;
}

/** A random stretch of `sourceFrames` to squeeze into `frames` (2–6× faster, so short films still vary). */
export function chooseCut(rng: Rng, sourceFrames: number, frames: number): BaseCut {
  const span = Math.min(sourceFrames - 1, Math.round(frames * (2 + 4 * rng.next())));
  return { from: Math.floor(rng.next() * Math.max(1, sourceFrames - span)), span };
}

/** Linear resampling of source[from … from + span] to `frames` values, times `scale`. */
export function resampleCut(source: ArrayLike<number>, cut: BaseCut, frames: number, scale: number): Float32Array {
  const out = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    const x = cut.from + (frames > 1 ? (f * cut.span) / (frames - 1) : 0);
    const i = Math.min(source.length - 2, Math.floor(x));
    const w = x - i;
    out[f] = scale * ((1 - w) * source[i] + w * source[i + 1]);
  }
  return out;
}

/** 0…1: how strongly an event heard from onset to offset moves valence at time t. */
export function response(t: number, onset: number, offset: number): number {
  const start = onset + RESPONSE.lag;
  if (t < start) return 0;
  const end = offset + RESPONSE.lag;
  const reached = 1 - Math.exp(-(Math.min(t, end) - start) / RESPONSE.rise);
  return t <= end ? reached : reached * Math.exp(-(t - end) / RESPONSE.fade);
}

/** Events applied in time order, each pulling the current value towards its target. */
export function applyEvents(base: Float32Array, events: { label: EventClass; onset: number; offset: number }[]): Float32Array {
  const out = Float32Array.from(base);
  const ordered = [...events].sort((a, b) => a.onset - b.onset);
  for (let f = 0; f < out.length; f++) {
    const t = f / VALENCE_RATE_HZ;
    let v = out[f];
    for (const e of ordered) {
      const r = response(t, e.onset, e.offset);
      if (r > 0) v += r * EVENT_EFFECTS[e.label].strength * (EVENT_EFFECTS[e.label].target - v);
    }
    out[f] = Math.max(-1, Math.min(1, v));
  }
  return out;
}
