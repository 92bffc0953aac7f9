/**
 * One 1,582-value feature row from a span of LLD rows: 21 functionals of each of the 68 main contours
 * (34 smoothed LLDs and their deltas), 19 voiced-only functionals of the 8 pitch-synchronous contours,
 * then the number of F0 onsets and the span's duration.
 */
import { contourFunctionals, countOnsets, FUNCTIONALS, VOICED_FUNCTIONALS, type FunctionalsScratch } from './functionals.js';
import { FEATURE_COUNT, LLD_COLUMN_COUNT, MAIN_LLD_COUNT } from './names.js';

const MAIN_COLUMNS = 2 * MAIN_LLD_COUNT;

export interface LldSpan {
  /** Row-major LLD rows of LLD_COLUMN_COUNT values (the LLD CSV column order). */
  rows: Float32Array;
  /** Index of the first row of the span within `rows`. */
  first: number;
  count: number;
  /** Unsmoothed F0final per frame, for onset counting. */
  f0: Float32Array;
  f0First: number;
  f0Count: number;
  /** Seconds reported as the span's duration. */
  durationSec: number;
}

export function windowFeatures(span: LldSpan, out: Float32Array, scratch: FunctionalsScratch): Float32Array {
  if (out.length < FEATURE_COUNT) throw new Error(`feature row needs ${FEATURE_COUNT} values`);
  const start = span.first * LLD_COLUMN_COUNT;
  let o = 0;
  for (let c = 0; c < LLD_COLUMN_COUNT; c++) {
    const voiced = c >= MAIN_COLUMNS;
    contourFunctionals(span.rows, start + c, span.count, LLD_COLUMN_COUNT, voiced, out, o, scratch);
    o += voiced ? VOICED_FUNCTIONALS.length : FUNCTIONALS.length;
  }
  out[o++] = span.f0Count > 0 ? countOnsets(span.f0, span.f0First, span.f0Count) : 0;
  out[o] = span.durationSec;
  return out;
}
