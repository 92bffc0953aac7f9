/**
 * openSMILE's CSV layout, so files diff cleanly against SMILExtract output: `;` separator, a header row,
 * the instance name in single quotes, times with %f, values with %e (exact zeros as `0`).
 */
import { featureNames, lldColumnNames } from './names.js';

/** C's printf("%e"): six decimals and at least two exponent digits. */
export function formatExp(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const s = v.toExponential(6);
  const e = s.indexOf('e');
  const exp = s.slice(e + 2);
  return `${s.slice(0, e)}e${s[e + 1]}${exp.length < 2 ? `0${exp}` : exp}`;
}

export const formatTime = (seconds: number): string => seconds.toFixed(6);

const quoted = (name: string) => `'${name.replace(/'/g, '')}'`;

export function functionalsHeader(): string {
  return `name;frameTime;${featureNames().join(';')}\n`;
}

export function functionalsLine(name: string, frameTime: number, row: ArrayLike<number>): string {
  let line = `${quoted(name)};${formatTime(frameTime)}`;
  for (let i = 0; i < row.length; i++) line += `;${formatExp(row[i])}`;
  return `${line}\n`;
}

export function lldHeader(): string {
  return `name;frameIndex;frameTime;${lldColumnNames().join(';')}\n`;
}

export function lldLine(name: string, frameIndex: number, frameTime: number, row: ArrayLike<number>): string {
  let line = `${quoted(name)};${frameIndex};${formatTime(frameTime)}`;
  for (let i = 0; i < row.length; i++) line += `;${formatExp(row[i])}`;
  return `${line}\n`;
}
