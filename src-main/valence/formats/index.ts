/**
 * Valence traces in the formats rating tools use: COGNIMUSE .dat, plain CSV, CARMA's export and
 * NOVA's continuous annotations. Pure: files' text in, samples out, and 25 Hz frames back to files.
 *
 * Not rated, per format, both ways: CSV an empty valence cell, COGNIMUSE a left-out row, CARMA the
 * rating NaN (an empty bin), NOVA the score NaN (confidence 0 when written). A literal NaN anywhere
 * else is refused like any text that is not a number.
 */
import { badRequest } from '../../contract/errors.js';
import { looksLikeCarma, parseCarma, writeCarma } from './carma.js';
import { parseCognimuse, writeCognimuse } from './cognimuse.js';
import { looksLikeCsv, parseCsv, writeCsv } from './csv.js';
import { looksLikeNova, parseNova, writeNova } from './nova.js';
import { linesOf, TRACE_FORMATS, type ParsedTrace, type TraceFile, type TraceFormat } from './trace.js';

export { isTraceFormat, TRACE_FORMATS, type ParsedTrace, type TraceFile, type TraceFormat } from './trace.js';
export { ratedFrames, resampleToFrames, withoutUnratedTail } from './frames.js';

/** What fills a written file's metadata, where its format has a place for it. */
export interface TraceAbout {
  rater?: string;
  film?: string;
  ratedAt?: string;
}

/** One trace from its files: one file, or NOVA's header and data. */
export function parseTrace(format: TraceFormat, files: TraceFile[]): ParsedTrace {
  if (format === 'nova') return parseNova(files);
  if (files.length !== 1) throw badRequest(`a ${format} trace is one file; got ${files.map((f) => f.name).join(', ')}`);
  const [file] = files;
  if (format === 'csv') return parseCsv(file);
  if (format === 'carma') return parseCarma(file);
  return parseCognimuse(file);
}

/** `values`: 25 Hz, NaN where not rated. Every format writes one sample per frame (COGNIMUSE: per rated frame). */
export function writeTrace(format: TraceFormat, values: Float32Array, name: string, about: TraceAbout = {}): TraceFile[] {
  if (format === 'nova') return writeNova(values, name, { annotator: about.rater });
  if (format === 'csv') return [{ name, text: writeCsv(values) }];
  if (format === 'carma') return [{ name, text: writeCarma(values, about) }];
  return [{ name, text: writeCognimuse(values) }];
}

/** The format of one trace's files, from their names and first lines (for `--format auto`). */
export function detectFormat(files: TraceFile[]): TraceFormat {
  if (files.some(looksLikeNova)) return 'nova';
  const [file] = files;
  const first = linesOf(file.text).find((l) => l.trim() !== '') ?? '';
  if (looksLikeCarma(first)) return 'carma';
  if (looksLikeCsv(first)) return 'csv';
  if (/^\s*[-+.\d]+\s+[-+.\deE]+\s+[-+.\deE]+\s*$/.test(first)) return 'cognimuse';
  throw badRequest(`${file.name}: cannot tell its format from its first line '${first.trim().slice(0, 60)}'; name one with --format ${TRACE_FORMATS.join('|')}`);
}

/**
 * Files grouped into traces: NOVA's `X.annotation` with its `X.annotation~`, every other file alone.
 * In the order given.
 */
export function traceSources(files: TraceFile[]): TraceFile[][] {
  const groups = new Map<string, TraceFile[]>();
  for (const f of files) {
    const key = f.name.replace(/~$/, '');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()];
}
