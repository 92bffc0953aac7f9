/**
 * From a file's samples to the film's 25 Hz frames. NaN is "not rated" throughout, as in the
 * project's traces.
 */
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import type { ParsedTrace } from './trace.js';

/** A frame this close to a sample (far below a frame's 40 ms) is on it: decimal times carry float noise. */
const ON_SAMPLE_S = 1e-6;

/**
 * Frame k (at k / rate s) takes the sample at its time, or the straight line between the samples
 * either side of it. Not rated (NaN): frames before the first sample or after the last, and frames
 * next to an unrated sample, so a stretch the file marks as unrated is never bridged.
 */
export function resampleToFrames(trace: ParsedTrace, frames: number, rate = VALENCE_RATE_HZ): Float32Array {
  const { time, value } = trace.samples;
  const out = new Float32Array(frames).fill(Number.NaN);
  let i = 0;
  for (let k = 0; k < frames; k++) {
    const t = k / rate;
    while (i + 1 < time.length && time[i + 1] <= t + ON_SAMPLE_S) i++;
    if (Math.abs(t - time[i]) <= ON_SAMPLE_S) out[k] = value[i];
    else if (t > time[i] && i + 1 < time.length) {
      const w = (t - time[i]) / (time[i + 1] - time[i]);
      out[k] = value[i] + w * (value[i + 1] - value[i]);
    }
  }
  return out;
}

/** The trace without its unrated tail: a rater who stopped early leaves no row of NaN behind. */
export function withoutUnratedTail(values: Float32Array): Float32Array {
  let n = values.length;
  while (n > 0 && Number.isNaN(values[n - 1])) n--;
  return values.slice(0, n);
}

export const ratedFrames = (values: Float32Array) => values.reduce((n, v) => (Number.isNaN(v) ? n : n + 1), 0);
