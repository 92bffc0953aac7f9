/**
 * COGNIMUSE emotion annotations (.dat): `time valence arousal` per line, whitespace-separated, no
 * header, on the 25 Hz grid (time = frame / 25 s, written in two decimals), both values on [-1, 1].
 * The format has no mark for "not rated", so a grid row left out is a frame nobody rated.
 */
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { decimal, formatNumber, linesOf, where, type ParsedTrace, type TraceFile } from './trace.js';

export interface CognimuseRows {
  frames: number[];
  valence: number[];
  arousal: number[];
}

/** How far (in frames) a time may sit off the grid: two-decimal times of frames land on it exactly. */
const GRID_SLACK = 0.05;

/**
 * The rows, each on its frame. `gaps: false` wants every frame from 0 on (the corpus builder needs
 * whole traces); `gaps: true` lets rows start later and skip frames.
 */
export function readCognimuseRows(text: string, name: string, { gaps }: { gaps: boolean }): CognimuseRows {
  const rows: CognimuseRows = { frames: [], valence: [], arousal: [] };
  let lastTime = -Infinity;
  linesOf(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const at = where(name, i + 1);
    const cols = line.trim().split(/\s+/);
    if (cols.length !== 3) throw badRequest(`${at}: expected 3 columns 'time valence arousal', found ${cols.length}`);
    const [t, v, a] = cols.map((c) => decimal(c, at));
    if (t <= lastTime) throw badRequest(`${at}: time ${t} is not after the previous line's ${lastTime}`);
    if (t < 0) throw badRequest(`${at}: time ${t} is before the film starts`);
    const frame = gaps ? Math.round(t * VALENCE_RATE_HZ) : rows.frames.length;
    if (Math.abs(t * VALENCE_RATE_HZ - frame) > GRID_SLACK) {
      throw badRequest(`${at}: time ${t} breaks the 0.04 s (25 Hz) grid${gaps ? '' : `, expected ${(frame / VALENCE_RATE_HZ).toFixed(2)}`}`);
    }
    if (Math.abs(v) > 1 || Math.abs(a) > 1) throw badRequest(`${at}: valence and arousal must lie in [-1, 1]`);
    lastTime = t;
    rows.frames.push(frame);
    rows.valence.push(v);
    rows.arousal.push(a);
  });
  if (rows.frames.length === 0) throw badRequest(`${name}: no annotation lines`);
  return rows;
}

export function parseCognimuse(file: TraceFile): ParsedTrace {
  const rows = readCognimuseRows(file.text, file.name, { gaps: true });
  const time: number[] = [];
  const value: number[] = [];
  const unrated = (frame: number) => (time.push(frame / VALENCE_RATE_HZ), value.push(Number.NaN));
  rows.frames.forEach((frame, i) => {
    const previous = rows.frames[i - 1];
    // Unrated samples at both edges of a left-out stretch keep interpolation from bridging it.
    if (i > 0 && frame > previous + 1) unrated(previous + 1);
    if (i > 0 && frame > previous + 2) unrated(frame - 1);
    time.push(frame / VALENCE_RATE_HZ);
    value.push(rows.valence[i]);
  });
  return { samples: { time, value }, scale: { min: -1, max: 1 } };
}

/** One row per rated frame; arousal, which the project does not keep, is written as 0 (neutral). */
export function writeCognimuse(values: Float32Array): string {
  const rows: string[] = [];
  values.forEach((v, k) => {
    if (!Number.isNaN(v)) rows.push(`${formatNumber(k / VALENCE_RATE_HZ)} ${formatNumber(v)} 0`);
  });
  return rows.map((r) => `${r}\n`).join('');
}
