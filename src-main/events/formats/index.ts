/**
 * Event lists in the formats annotation tools exchange: DCASE TSV and Audacity labels (tabular.ts),
 * ELAN (eaf.ts), Praat TextGrids (textgrid.ts) and NOVA discrete annotations (nova.ts). Pure: files'
 * text in, events (with where each came from) and what was skipped out, and events back to files.
 */
import type { EventListFormat } from '../../contract/api.js';
import { badRequest } from '../../contract/errors.js';
import { checkNewEvents } from '../event-edits.js';
import { parseEaf, writeEaf } from './eaf.js';
import { parseNova, writeNova } from './nova.js';
import { parseTabular, writeTabular } from './tabular.js';
import { parseTextGrid, writeTextGrid } from './textgrid.js';
import type { EventFile, EventListAbout, EventListItem, ParsedEvents, Skipped } from './types.js';

export { novaDataName } from './nova.js';
export { normaliseLabel, type EventFile, type EventListAbout, type EventListItem, type ParsedEvents } from './types.js';

/** The ending a written file's name gets. */
export const FILE_ENDINGS: Record<EventListFormat, string> = {
  tsv: '.events.tsv',
  audacity: '.labels.txt',
  eaf: '.eaf',
  textgrid: '.TextGrid',
  nova: '.annotation',
};

/** The format by the file's name, else by how its text starts; plain columns are DCASE unless named `.txt` (Audacity's). */
export function detectFormat(files: readonly EventFile[]): EventListFormat {
  const [first] = files;
  const head = first.text.replace(/^\uFEFF/, '').trimStart().slice(0, 400);
  if (files.some((f) => /\.annotation~?$/i.test(f.name)) || /^(<\?xml[^>]*>\s*)?<annotation\b/.test(head)) return 'nova';
  if (/\.eaf$/i.test(first.name) || /<ANNOTATION_DOCUMENT\b/.test(head)) return 'eaf';
  if (/\.textgrid$/i.test(first.name) || /"ooTextFile"/.test(head)) return 'textgrid';
  return /\.txt$/i.test(first.name) ? 'audacity' : 'tsv';
}

export function parseEventFiles(format: EventListFormat | 'auto', files: readonly EventFile[]): ParsedEvents & { format: EventListFormat } {
  const f = format === 'auto' ? detectFormat(files) : format;
  if (f === 'nova') return { format: f, ...parseNova(files) };
  if (files.length !== 1) throw badRequest(`a ${f} event list is one file; got ${files.map((x) => x.name).join(', ')}`);
  const [file] = files;
  const parsed = f === 'eaf' ? parseEaf(file) : f === 'textgrid' ? parseTextGrid(file) : parseTabular(file, f);
  return { format: f, ...parsed };
}

/** `name`: the (first) file's name; NOVA adds its data file `name~`. */
export function writeEventFiles(format: EventListFormat, items: readonly EventListItem[], name: string, about: EventListAbout): EventFile[] {
  if (format === 'nova') return writeNova(items, name, about);
  const text = format === 'eaf' ? writeEaf(items, about) : format === 'textgrid' ? writeTextGrid(items, about) : writeTabular(items, format);
  return [{ name, text }];
}

/** Refuses, naming the file and line or element, the first event that does not fit in the film. */
export function checkInFilm(events: ParsedEvents['events'], duration: number): void {
  for (const e of events) {
    try {
      checkNewEvents([e], duration);
    } catch (err) {
      throw badRequest(`${e.at}: ${(err as Error).message}`);
    }
  }
}

/** What an import with nothing of the eight classes in it says, and what an import that skipped some adds. */
export function skippedNote({ count, examples }: Skipped): string {
  return count === 0 ? '' : `${count} annotation${count === 1 ? '' : 's'} not of the eight classes skipped, e.g. ${examples.join(', ')}`;
}
