/**
 * Event lists as researchers exchange them in plain text: DCASE tab-separated `onset offset
 * event_label` (with that header row; headerless files still read), and Audacity label tracks (the
 * same columns; a label's spectral selection follows on a line starting with a backslash,
 * `\<TAB>f1<TAB>f2`, and is ignored; a point label becomes a POINT_DURATION event).
 */
import { EVENT_CLASSES } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { noneSkipped, normaliseLabel, POINT_DURATION, type EventFile, type EventListItem, type ParsedEvents } from './types.js';

export type TabularFormat = 'tsv' | 'audacity';

export const DCASE_HEADER = 'onset\toffset\tevent_label';

export function parseTabular(file: EventFile, format: TabularFormat): ParsedEvents {
  const events: ParsedEvents['events'] = [];
  file.text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    const at = `${file.name} line ${i + 1}`;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    if (format === 'audacity' && line.startsWith('\\')) return;
    const cols = format === 'tsv' ? line.trim().split(/\t|\s+/) : line.split('\t');
    if (cols.length < 3) throw badRequest(`${at}: expected 'onset<TAB>offset<TAB>label', got '${line.slice(0, 60)}'`);
    const [a, b, ...rest] = cols;
    const onset = Number(a);
    let offset = Number(b);
    if (i === 0 && Number.isNaN(onset) && Number.isNaN(offset)) return;
    if (!Number.isFinite(onset) || !Number.isFinite(offset)) throw badRequest(`${at}: onset and offset must be numbers (seconds)`);
    if (onset < 0) throw badRequest(`${at}: onset ${onset} is negative`);
    if (format === 'audacity' && offset === onset) offset = onset + POINT_DURATION;
    if (offset <= onset) throw badRequest(`${at}: offset ${offset} is not after onset ${onset}`);
    const label = normaliseLabel(rest.join(' '));
    if (!label) throw badRequest(`${at}: unknown label '${rest.join(' ')}' (expected one of ${EVENT_CLASSES.join(', ')})`);
    events.push({ onset, offset, label, at });
  });
  return { events, skipped: noneSkipped() };
}

export function writeTabular(items: readonly EventListItem[], format: TabularFormat): string {
  const sorted = [...items].sort((x, y) => x.onset - y.onset || x.offset - y.offset);
  const time = format === 'tsv' ? (t: number) => t.toFixed(3) : (t: number) => t.toFixed(6);
  const rows = sorted.map((e) => `${time(e.onset)}\t${time(e.offset)}\t${e.label}`);
  return (format === 'tsv' ? [DCASE_HEADER, ...rows] : rows).map((r) => `${r}\n`).join('');
}
