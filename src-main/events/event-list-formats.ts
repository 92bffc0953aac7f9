/**
 * Event lists as researchers exchange them: DCASE tab-separated `onset offset label`, and Audacity
 * label tracks (same columns; lines starting with a tab carry spectral-selection data and are skipped).
 */
import { EVENT_CLASSES, type EventClass } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';

export interface EventListItem {
  onset: number;
  offset: number;
  label: EventClass;
}

export type EventListFormat = 'tsv' | 'audacity';

/** Accepts the class names with any case and with spaces or hyphens for underscores. */
export function normaliseLabel(raw: string): EventClass | null {
  const key = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (EVENT_CLASSES as readonly string[]).includes(key) ? (key as EventClass) : null;
}

export function parseEventList(text: string, format: EventListFormat): EventListItem[] {
  const items: EventListItem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    if (format === 'audacity' && line.startsWith('\t')) return;
    const cols = format === 'tsv' ? line.trim().split(/\t|\s+/) : line.split('\t');
    if (cols.length < 3) throw badRequest(`${where}: expected 'onset<TAB>offset<TAB>label', got '${line.slice(0, 60)}'`);
    const [a, b, ...rest] = cols;
    const onset = Number(a);
    const offset = Number(b);
    // A header row ("onset offset event_label") is common in DCASE files.
    if (i === 0 && Number.isNaN(onset) && Number.isNaN(offset)) return;
    if (!Number.isFinite(onset) || !Number.isFinite(offset)) throw badRequest(`${where}: onset and offset must be numbers (seconds)`);
    if (onset < 0) throw badRequest(`${where}: onset ${onset} is negative`);
    if (offset <= onset) throw badRequest(`${where}: offset ${offset} is not after onset ${onset}`);
    const label = normaliseLabel(rest.join(' '));
    if (!label) throw badRequest(`${where}: unknown label '${rest.join(' ')}' (expected one of ${EVENT_CLASSES.join(', ')})`);
    items.push({ onset, offset, label });
  });
  return items;
}

export function formatEventList(items: readonly EventListItem[], format: EventListFormat): string {
  const digits = format === 'tsv' ? 3 : 6;
  const sorted = [...items].sort((x, y) => x.onset - y.onset || x.offset - y.offset);
  return sorted.map((e) => `${e.onset.toFixed(digits)}\t${e.offset.toFixed(digits)}\t${e.label}\n`).join('');
}
