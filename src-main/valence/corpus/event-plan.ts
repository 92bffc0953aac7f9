/**
 * Where human sounds go in a synthetic movie: events about every `spacing` seconds, classes drawn
 * evenly from the eight (so verbal and non-verbal are balanced), each event filled with one or
 * more recordings of its class back to back.
 */
import { EVENT_CLASSES, type EventClass } from '../../contract/domain.js';
import type { Rng } from '../../util/random.js';

export interface SoundFile {
  file: string;
  label: EventClass;
  duration: number;
}

export interface PlacedClip {
  file: string;
  /** Seconds into the movie. */
  at: number;
  /** Seconds of the file used, from its start. */
  length: number;
}

export interface PlannedEvent {
  label: EventClass;
  onset: number;
  offset: number;
  clips: PlacedClip[];
}

export interface PlanOptions {
  seconds: number;
  /** Mean seconds from one event's start to the next. */
  spacing: number;
  /** Longest event, seconds. */
  maxLength: number;
}

export function planEvents(rng: Rng, files: SoundFile[], o: PlanOptions): PlannedEvent[] {
  const byLabel = new Map(EVENT_CLASSES.map((l) => [l, files.filter((f) => f.label === l && f.duration > 0.2)]));
  const labels = EVENT_CLASSES.filter((l) => byLabel.get(l)!.length > 0);
  if (labels.length === 0) throw new Error('no human sound recordings to insert');
  const out: PlannedEvent[] = [];
  let t = 0.5 + rng.next() * o.spacing * 0.5;
  while (t < o.seconds - 1.5) {
    const label = labels[Math.floor(rng.next() * labels.length)];
    const target = Math.min(o.maxLength, o.seconds - 0.5 - t, 1.5 + rng.next() * (o.maxLength - 1.5));
    const pool = byLabel.get(label)!;
    const clips: PlacedClip[] = [];
    let end = t;
    while (end - t < target - 0.2) {
      const f = pool[Math.floor(rng.next() * pool.length)];
      const length = Math.min(f.duration, target - (end - t));
      clips.push({ file: f.file, at: end, length });
      end += length;
    }
    out.push({ label, onset: t, offset: end, clips });
    t = end + 1 + rng.next() * o.spacing * 1.2;
  }
  return out;
}
