/**
 * Event lists as tab-separated text: `onset<TAB>offset<TAB>label` (seconds), as the `sed` command
 * writes them, or with a leading file column (the DCASE layout) to score several files at once.
 * A first line that is not numeric is taken as a header.
 */
import type { SedEvent } from './metrics/event-times.js';

export function formatEventsTsv(events: readonly SedEvent[]): string {
  return events.map((e) => `${e.onset.toFixed(3)}\t${e.offset.toFixed(3)}\t${e.label}\n`).join('');
}

/** Events grouped by file ('' when the list has no file column). */
export function parseEventsTsv(text: string, where: string): Map<string, SedEvent[]> {
  const files = new Map<string, SedEvent[]>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split('\t').map((c) => c.trim());
    const withFile = cells.length >= 4;
    const [file, on, off, label] = withFile ? cells : ['', ...cells];
    const onset = Number(on);
    const offset = Number(off);
    if (!Number.isFinite(onset) || !Number.isFinite(offset)) {
      if (i === 0) return; // header
      throw new Error(`${where} line ${i + 1}: expected onset<TAB>offset<TAB>label, got '${line}'`);
    }
    if (!label) throw new Error(`${where} line ${i + 1}: missing label`);
    if (offset < onset) throw new Error(`${where} line ${i + 1}: offset ${offset} is before onset ${onset}`);
    if (!files.has(file)) files.set(file, []);
    files.get(file)!.push({ label, onset, offset });
  });
  return files;
}
