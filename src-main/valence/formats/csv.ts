/**
 * Plain CSV: a `time,valence` header, then `seconds,value` rows with times increasing and values on
 * [-1, 1]. An empty valence cell is a time nobody rated (what pandas and R write for a missing
 * value); the word NaN is refused like any other text.
 */
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { decimal, formatNumber, linesOf, onScale, SampleList, where, type ParsedTrace, type TraceFile } from './trace.js';

const HEADER = 'time,valence';
const SCALE = { min: -1, max: 1 };

/** True when the first line is the header: how `--format auto` knows a plain CSV. */
export const looksLikeCsv = (firstLine: string) => firstLine.replace(/\s/g, '').toLowerCase() === HEADER;

export function parseCsv(file: TraceFile): ParsedTrace {
  const [header, ...rows] = linesOf(file.text);
  if (!looksLikeCsv(header ?? '')) throw badRequest(`${where(file.name, 1)}: expected the header '${HEADER}', found '${(header ?? '').trim()}'`);
  const samples = new SampleList();
  rows.forEach((line, i) => {
    if (line.trim() === '') return;
    const at = where(file.name, i + 2);
    const cells = line.split(',');
    if (cells.length !== 2) throw badRequest(`${at}: expected 2 columns 'time,valence', found ${cells.length}`);
    const value = cells[1].trim() === '' ? Number.NaN : onScale(decimal(cells[1], at), SCALE, at);
    samples.push(decimal(cells[0], at), value, at);
  });
  return samples.done(file.name, SCALE);
}

/** One row per 25 Hz frame, unrated ones with an empty valence. */
export function writeCsv(values: Float32Array): string {
  const rows = Array.from(values, (v, k) => `${formatNumber(k / VALENCE_RATE_HZ)},${Number.isNaN(v) ? '' : formatNumber(v)}`);
  return [HEADER, ...rows].map((r) => `${r}\n`).join('');
}
