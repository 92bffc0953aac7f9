/**
 * Whole COGNIMUSE traces for the corpus builder: every frame from 0 on, valence and arousal as 25 Hz
 * Float32 traces, several raters' files averaged into one. The file format is valence/formats/cognimuse.ts.
 */
import { badRequest } from '../../contract/errors.js';
import { readCognimuseRows } from '../formats/cognimuse.js';

export interface AnnotationTrace {
  valence: Float32Array;
  arousal: Float32Array;
}

/** `name` prefixes every error so a researcher knows which of several files is wrong. */
export function parseCognimuse(text: string, name: string): AnnotationTrace {
  const rows = readCognimuseRows(text, name, { gaps: false });
  return { valence: Float32Array.from(rows.valence), arousal: Float32Array.from(rows.arousal) };
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
