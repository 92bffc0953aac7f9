/**
 * Where an event came from, as the lanes show it: a drawing style per source (detected events
 * shaded by confidence), the words the tooltip and filter use, and the filter itself. Pure.
 */
import type { EventSource, SoundEvent } from '../../../src-main/contract/domain.js';
import { formatTime } from './ruler.js';

/** What the filter shows: every source, or one. */
export type SourceFilter = EventSource | 'all';
/** The order of the filter's buttons: the machine's events first, the researcher's last. */
export const SOURCE_FILTERS: readonly SourceFilter[] = ['all', 'model', 'import', 'human'];

export const SOURCE_WORDS: Record<EventSource, string> = { model: 'Detected', import: 'Imported', human: 'Hand-made' };
export const FILTER_WORDS: Record<SourceFilter, string> = { all: 'All', ...SOURCE_WORDS };

/**
 * How one event is painted. Solid for what a person drew, hatched for what came from a file, and an
 * outline whose fill grows with confidence for what a detector found, so an unsure detection reads
 * as faint without hiding where it starts and ends.
 */
export interface EventStyle {
  /** Opacity of the class-coloured fill. */
  fillAlpha: number;
  /** A class-coloured border. */
  outline: boolean;
  /** Diagonal class-coloured stripes over the fill. */
  hatch: boolean;
}

export const MIN_CONFIDENCE_ALPHA = 0.15;
export const MAX_CONFIDENCE_ALPHA = 0.75;
/** A detected event without a stored confidence is drawn halfway, neither sure nor unsure. */
const UNKNOWN_CONFIDENCE = 0.5;

export function confidenceAlpha(confidence: number | null): number {
  const c = confidence === null || !Number.isFinite(confidence) ? UNKNOWN_CONFIDENCE : Math.min(1, Math.max(0, confidence));
  return MIN_CONFIDENCE_ALPHA + (MAX_CONFIDENCE_ALPHA - MIN_CONFIDENCE_ALPHA) * c;
}

export function eventStyle(source: EventSource, confidence: number | null): EventStyle {
  switch (source) {
    case 'model':
      return { fillAlpha: confidenceAlpha(confidence), outline: true, hatch: false };
    case 'import':
      return { fillAlpha: 0.2, outline: false, hatch: true };
    case 'human':
      return { fillAlpha: 0.85, outline: false, hatch: false };
  }
}

export const passesFilter = (filter: SourceFilter, e: Pick<SoundEvent, 'source'>): boolean => filter === 'all' || e.source === filter;

/** How many events of each source, and in all: the filter buttons' counts. */
export function countBySource(events: readonly Pick<SoundEvent, 'source'>[]): Record<SourceFilter, number> {
  const counts = Object.fromEntries(SOURCE_FILTERS.map((f) => [f, 0])) as Record<SourceFilter, number>;
  for (const e of events) counts[e.source]++;
  counts.all = events.length;
  return counts;
}

/** The hover card of an event: a title and labelled lines. */
export interface EventCard {
  title: string;
  lines: Array<[string, string]>;
}

export function describeEvent(e: SoundEvent): EventCard {
  // An edited detection keeps its detector's version and confidence: say it was edited from one.
  const edited = e.source === 'human' && e.modelVersion !== null;
  return {
    title: e.label.replace('_', ' '),
    lines: [
      ['Source', edited ? `${SOURCE_WORDS.human} (edited detection)` : SOURCE_WORDS[e.source]],
      ['Model', e.modelVersion ?? '—'],
      ['Confidence', e.confidence === null ? '—' : e.confidence.toFixed(2)],
      ['Time', `${formatTime(e.onset, 0.01)}–${formatTime(e.offset, 0.01)}`],
    ],
  };
}
