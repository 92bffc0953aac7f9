/** Raters' traces on the wire and in the core alike: 25 Hz values on [-1, 1], NaN where not rated. */

/**
 * Frame-wise mean of raters' traces (25 Hz, NaN = not rated), over the raters who rated each frame;
 * NaN where none did. Traces of different lengths count as unrated past their end.
 */
export function meanTrace(traces: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(Math.max(0, ...traces.map((t) => t.length)));
  for (let f = 0; f < out.length; f++) {
    let sum = 0;
    let n = 0;
    for (const t of traces) if (f < t.length && !Number.isNaN(t[f])) (sum += t[f]), n++;
    out[f] = n === 0 ? Number.NaN : sum / n;
  }
  return out;
}
/** Which raters' traces make a film's label: the mean of these raters, or of all of them (null). */
export interface LabelChoice {
  raters: string[] | null;
}

/** The default label: the mean of every rater of the film. */
export const ALL_RATERS: LabelChoice = { raters: null };
