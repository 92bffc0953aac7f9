/**
 * What every valence trace format reads into and writes from, and the checks they share, so each
 * refusal reads the same: the file, the line, what is wrong, in one line.
 */
import { badRequest } from '../../contract/errors.js';

import { TRACE_FORMATS, type TraceFormat } from '../../contract/domain.js';

export { TRACE_FORMATS, type TraceFormat } from '../../contract/domain.js';

export const isTraceFormat = (name: string): name is TraceFormat => (TRACE_FORMATS as readonly string[]).includes(name);

/** A file as the parsers see it: text in, so the app and the CLI share them without I/O. */
export interface TraceFile {
  name: string;
  text: string;
}

/** The numbers a file's ratings lie between; mapped linearly onto [-1, 1]. */
export interface Scale {
  min: number;
  max: number;
}

export interface ParsedTrace {
  /** Seconds (strictly increasing) and valence on [-1, 1]; NaN where the file says "not rated". */
  samples: { time: number[]; value: number[] };
  scale: Scale;
}

/** Unlike Number(), refuses '', ' ', '0x1f', 'Infinity' and 'NaN': only what a person writes as a decimal. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const where = (file: string, line: number) => `${file}, line ${line}`;

export function decimal(cell: string, at: string): number {
  const text = cell.trim();
  if (!DECIMAL.test(text)) throw badRequest(`${at}: '${text}' is not a number`);
  return Number(text);
}

/** Lines without a byte-order mark or trailing blank lines; numbering stays the file's own. */
export function linesOf(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

export function checkScale(scale: Scale, at: string): Scale {
  if (!(scale.min < scale.max)) throw badRequest(`${at}: the scale's minimum ${scale.min} is not below its maximum ${scale.max}`);
  return scale;
}

/** The value on [-1, 1], or a refusal when it lies outside the file's own scale. */
export function onScale(value: number, scale: Scale, at: string): number {
  if (value < scale.min || value > scale.max) throw badRequest(`${at}: valence ${value} lies outside the file's scale [${scale.min}, ${scale.max}]`);
  return (2 * (value - scale.min)) / (scale.max - scale.min) - 1;
}

/** Collects samples, refusing a time before 0 or one that does not move forward. */
export class SampleList {
  readonly time: number[] = [];
  readonly value: number[] = [];

  push(time: number, value: number, at: string): void {
    if (time < 0) throw badRequest(`${at}: time ${time} is before the film starts`);
    const last = this.time[this.time.length - 1];
    if (time <= last) throw badRequest(`${at}: time ${time} is not after the previous line's ${last}`);
    this.time.push(time);
    this.value.push(value);
  }

  done(file: string, scale: Scale): ParsedTrace {
    if (this.time.length === 0) throw badRequest(`${file}: no ratings in it`);
    return { samples: { time: this.time, value: this.value }, scale };
  }
}

/**
 * Six decimals: a Float32 valence reads back within 1e-6, and a frame time (k / 25 s) comes out as
 * the same two-decimal number the parsers read, without a tail of float noise.
 */
export const formatNumber = (v: number) => String(Math.round(v * 1e6) / 1e6);
