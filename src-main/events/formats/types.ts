/** What every event-list format reads into and writes from, and the label rule they share. */
import { EVENT_CLASSES, type EventClass } from '../../contract/domain.js';

export interface EventListItem {
  onset: number;
  offset: number;
  label: EventClass;
  /** How sure its maker was, 0–1: a detector's, or a NOVA file's column; null or absent where none was given. */
  confidence?: number | null;
}

/** A parsed event with where it came from (`file line N`, `file: <ANNOTATION a3>`), for refusals found later. */
export interface ParsedEvent extends EventListItem {
  at: string;
}

/** One file as the API carries it: its name (for messages and format detection) and its decoded text. */
export interface EventFile {
  name: string;
  text: string;
}

/** Annotations that are not one of the eight classes: how many, and a few for the researcher to see. */
export interface Skipped {
  count: number;
  examples: string[];
}

export interface ParsedEvents {
  events: ParsedEvent[];
  skipped: Skipped;
}

/** What a written file may carry besides the events. */
export interface EventListAbout {
  /** The film's length in seconds: TextGrid tiers span it. */
  duration: number;
  /** The film's path: ELAN's media descriptor points at it. */
  mediaPath?: string;
  author?: string;
}

/**
 * Praat point tiers and Audacity point labels mark instants, but an event must end after it starts
 * (events/event-edits.ts), so an instant becomes an event of this length (1 ms, the finest step ELAN
 * and the exports keep).
 */
export const POINT_DURATION = 0.001;

/** Accepts the class names with any case and with spaces or hyphens for underscores. */
export function normaliseLabel(raw: string): EventClass | null {
  const key = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (EVENT_CLASSES as readonly string[]).includes(key) ? (key as EventClass) : null;
}

export const noneSkipped = (): Skipped => ({ count: 0, examples: [] });

/** Counts one annotation that is not one of the eight classes; the first few are kept as examples. */
export function skip(skipped: Skipped, example: string): void {
  skipped.count += 1;
  if (skipped.examples.length < 5) skipped.examples.push(example);
}

/** An annotation's class: its own text when that is a class, else its tier's name when that is one. */
export const classOf = (text: string, tier: string): EventClass | null => normaliseLabel(text) ?? normaliseLabel(tier);

/**
 * Events of one class split into the fewest runs without overlaps, first run first: ELAN and Praat
 * tiers cannot hold overlapping annotations, so a class's overlapping events go to extra tiers; a
 * class with no events still has its (empty) one.
 */
export function lanesByClass(items: readonly EventListItem[]): Array<{ label: EventClass; events: EventListItem[] }> {
  const lanes: Array<{ label: EventClass; events: EventListItem[] }> = [];
  const sorted = [...items].sort((x, y) => x.onset - y.onset || x.offset - y.offset);
  for (const label of EVENT_CLASSES) {
    const mine: EventListItem[][] = [];
    for (const e of sorted.filter((s) => s.label === label)) {
      const free = mine.find((lane) => lane[lane.length - 1].offset <= e.onset);
      if (free) free.push(e);
      else mine.push([e]);
    }
    // Every class keeps its tier, empty or not, so the file shows the whole scheme.
    if (mine.length === 0) mine.push([]);
    mine.forEach((events) => lanes.push({ label, events }));
  }
  return lanes;
}

/** Seconds as a plain decimal, exact to the microsecond and without float noise. */
export const seconds = (t: number) => String(Number(t.toFixed(6)));
