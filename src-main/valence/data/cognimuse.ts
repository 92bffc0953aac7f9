/**
 * COGNIMUSE emotion annotations: `time valence arousal` per line, every 0.04 s. Several raters'
 * files become one mean trace, cut to the shortest. Pure: text in, a 25 Hz Float32 trace out.
 */
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';

export interface AnnotationTrace {
  valence: Float32Array;
  arousal: Float32Array;
}

const STEP = 1 / VALENCE_RATE_HZ;

/** `name` prefixes every error so a researcher knows which of several files is wrong. */
export function parseCognimuse(text: string, name: string): AnnotationTrace {
  const valence: number[] = [];
  const arousal: number[] = [];
  let lastTime = -Infinity;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${name}, line ${i + 1}`;
    const cols = line.trim().split(/\s+/);
    if (cols.length !== 3) throw badRequest(`${where}: expected 3 columns 'time valence arousal', found ${cols.length}`);
    const [t, v, a] = cols.map(Number);
    const bad = cols.findIndex((c, k) => !Number.isFinite([t, v, a][k]) || c === '');
    if (bad >= 0) throw badRequest(`${where}: '${cols[bad]}' is not a number`);
    if (t <= lastTime) throw badRequest(`${where}: time ${t} is not after the previous line's ${lastTime}`);
    if (Math.abs(t - valence.length * STEP) > STEP / 2) {
      throw badRequest(`${where}: time ${t} breaks the 0.04 s (25 Hz) grid, expected ${(valence.length * STEP).toFixed(2)}`);
    }
    if (Math.abs(v) > 1 || Math.abs(a) > 1) throw badRequest(`${where}: valence and arousal must lie in [-1, 1]`);
    lastTime = t;
    valence.push(v);
    arousal.push(a);
  });
  if (valence.length === 0) throw badRequest(`${name}: no annotation lines`);
  return { valence: Float32Array.from(valence), arousal: Float32Array.from(arousal) };
}

/** The raters' mean, over the length of the shortest trace. */
export function meanTrace(traces: AnnotationTrace[]): AnnotationTrace {
  if (traces.length === 0) throw badRequest('no annotation files given');
  const n = Math.min(...traces.map((t) => t.valence.length));
  const valence = new Float32Array(n);
  const arousal = new Float32Array(n);
  for (const t of traces) {
    for (let i = 0; i < n; i++) {
      valence[i] += t.valence[i] / traces.length;
      arousal[i] += t.arousal[i] / traces.length;
    }
  }
  return { valence, arousal };
}
