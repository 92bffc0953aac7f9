/**
 * openSMILE's CSV layout, so files diff cleanly against SMILExtract output: `;` separator, a header row,
 * the instance name in single quotes, times with %f, values with %e (exact zeros as `0`).
 *
 * Rows are encoded straight to bytes: 1,582 values every 40 ms make number formatting costlier than
 * the extraction itself if it goes through JavaScript strings.
 */
import { featureNames, lldColumnNames } from './names.js';

const CHAR = { zero: 48, dot: 46, minus: 45, plus: 43, e: 101, semicolon: 59, newline: 10 } as const;

/** Powers of ten 10^-330 … 10^330 (10^k is exact for 0 <= k <= 22). */
const POW10 = Float64Array.from({ length: 661 }, (_, i) => 10 ** (i - 330));
const pow10 = (k: number) => POW10[k + 330];

/** round(a / 10^(e-6)): 7 significant digits, dividing by exact powers where possible. */
const sevenDigits = (a: number, e: number) => Math.round(e <= 6 ? a * pow10(6 - e) : a / pow10(e - 6));

/** Exponent found by the last `mantissa` call (a module variable, so the hot loop allocates nothing). */
let exponent = 0;

/** %e's 7-digit mantissa of a > 0 as an integer; sets `exponent`. The rounded mantissa decides the
 * exponent, as log10 can land a hair off near powers of ten. */
function mantissa(a: number): number {
  let e = Math.floor(Math.log10(a));
  let m = sevenDigits(a, e);
  if (m >= 1e7) m = sevenDigits(a, ++e);
  else if (m < 1e6) m = sevenDigits(a, --e);
  exponent = e;
  return m;
}

export const formatTime = (seconds: number): string => seconds.toFixed(6);

const encoder = new TextEncoder();
const quoted = (name: string) => `'${name.replace(/'/g, '')}'`;

export function functionalsHeader(): string {
  return `name;frameTime;${featureNames().join(';')}\n`;
}

export function lldHeader(): string {
  return `name;frameIndex;frameTime;${lldColumnNames().join(';')}\n`;
}

/** Accumulates CSV text as bytes; `take` hands over what has accumulated. */
export class CsvBytes {
  private buf = new Uint8Array(1 << 16);
  private at = 0;

  get size(): number {
    return this.at;
  }

  text(s: string): void {
    this.reserve(s.length * 3);
    this.at += encoder.encodeInto(s, this.buf.subarray(this.at)).written;
  }

  /** One functionals row: name, window start time, values. */
  functionalsRow(name: string, frameTime: number, row: ArrayLike<number>): void {
    this.text(`${quoted(name)};${formatTime(frameTime)}`);
    this.values(row);
  }

  /** One LLD row: name, frame index, frame time, values. */
  lldRow(name: string, frameIndex: number, frameTime: number, row: ArrayLike<number>): void {
    this.text(`${quoted(name)};${frameIndex};${formatTime(frameTime)}`);
    this.values(row);
  }

  take(): Uint8Array {
    const out = this.buf.slice(0, this.at);
    this.at = 0;
    return out;
  }

  /** `;v1;v2…\n` with every value as %e. */
  private values(row: ArrayLike<number>): void {
    this.reserve(row.length * 16 + 1);
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < row.length; i++) {
      b[at++] = CHAR.semicolon;
      at = writeExp(b, at, row[i]);
    }
    b[at++] = CHAR.newline;
    this.at = at;
  }

  private reserve(extra: number): void {
    if (this.at + extra <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.at + extra));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }
}

/** Writes v as %e at b[at]; returns the position after it. Non-finite values never occur in emobase2010. */
function writeExp(b: Uint8Array, at: number, v: number): number {
  if (v === 0) {
    b[at] = CHAR.zero;
    return at + 1;
  }
  if (v < 0) b[at++] = CHAR.minus;
  let m = mantissa(Math.abs(v));
  let e = exponent;
  for (let k = 7; k >= 2; k--) {
    const q = Math.floor(m / 10);
    b[at + k] = CHAR.zero + (m - 10 * q);
    m = q;
  }
  b[at] = CHAR.zero + m;
  b[at + 1] = CHAR.dot;
  at += 8;
  b[at++] = CHAR.e;
  b[at++] = e < 0 ? CHAR.minus : CHAR.plus;
  if (e < 0) e = -e;
  if (e >= 100) b[at++] = CHAR.zero + Math.floor(e / 100);
  b[at++] = CHAR.zero + (Math.floor(e / 10) % 10);
  b[at++] = CHAR.zero + (e % 10);
  return at;
}
