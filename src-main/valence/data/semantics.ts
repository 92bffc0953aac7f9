/**
 * Sound events as frame-wise signals: per-class activity (a sound-semantic input taken from
 * annotated events instead of a detector) and per-class masks for Table I and Fig. 2. A frame
 * counts as inside an event when its centre lies in [onset, offset).
 */
import { EVENT_CLASSES, NONVERBAL_CLASSES, VALENCE_RATE_HZ, VERBAL_CLASSES, type EventClass, type SoundEvent } from '../../contract/domain.js';
import type { SsModality } from './modalities.js';

type TimedEvent = Pick<SoundEvent, 'label' | 'onset' | 'offset'>;

export const CLASSES_OF: Record<SsModality, readonly EventClass[]> = { verbal: VERBAL_CLASSES, nonverbal: NONVERBAL_CLASSES };

/** 1 on frames inside an event of `label`, else 0. */
export function eventMask(events: readonly TimedEvent[], label: EventClass, frames: number, rate = VALENCE_RATE_HZ, first = 0): Uint8Array {
  const mask = new Uint8Array(frames);
  for (const e of events) {
    if (e.label !== label) continue;
    // Frames f with onset ≤ (f + ½)/rate < offset; the 1e-9 keeps 0.14·25 = 3.0000000000000004 at 3.
    const from = Math.max(first, Math.ceil(e.onset * rate - 0.5 - 1e-9)) - first;
    const to = Math.min(first + frames, Math.ceil(e.offset * rate - 0.5 - 1e-9)) - first;
    mask.fill(1, from, Math.max(from, to));
  }
  return mask;
}

export function eventMasks(events: readonly TimedEvent[], frames: number, rate = VALENCE_RATE_HZ): Map<EventClass, Uint8Array> {
  return new Map(EVENT_CLASSES.map((c) => [c, eventMask(events, c, frames, rate)]));
}

/** [frames × classes] activity of a semantic group's classes from frame `first` on, the shape a detector's output has. */
export function eventActivity(events: readonly TimedEvent[], group: SsModality, frames: number, rate = VALENCE_RATE_HZ, first = 0): Float32Array {
  const classes = CLASSES_OF[group];
  const out = new Float32Array(frames * classes.length);
  classes.forEach((c, k) => {
    const m = eventMask(events, c, frames, rate, first);
    for (let f = 0; f < frames; f++) out[f * classes.length + k] = m[f];
  });
  return out;
}

/**
 * The events to treat as truth: annotated ones (drawn by a person or imported) when the movie has
 * any, else a detector's. Mixing both would count the same sound twice.
 */
export function referenceEvents<E extends Pick<SoundEvent, 'source'>>(events: readonly E[]): E[] {
  const annotated = events.filter((e) => e.source === 'human' || e.source === 'import');
  return annotated.length > 0 ? annotated : events.filter((e) => e.source === 'model');
}
