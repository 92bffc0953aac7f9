/**
 * Continuous valence ↔ the paper's 7 classes. Classes are 1..7 everywhere a person reads them
 * (reports, Table I); tensors use 0..6, and this file is the only place that converts.
 */
import { VALENCE_CLASS_COUNT, VALENCE_CLASS_EDGES, valenceClass } from '../../contract/domain.js';

/** Class 1..7 per frame. */
export function quantize(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = valenceClass(values[i]);
  return out;
}

/** The middle of each class's bin, in class order: the value a class stands for. */
export const CLASS_CENTRES: readonly number[] = Array.from(
  { length: VALENCE_CLASS_COUNT },
  (_, c) => (VALENCE_CLASS_EDGES[c] + VALENCE_CLASS_EDGES[c + 1]) / 2,
);

/** Extreme classes in the paper's analysis (Table I co-occurrence, Fig. 2). */
export const EXTREME_CLASSES: readonly number[] = [1, 2, 6, 7];

/**
 * Expected valence per frame from row-major [frames × 7] probabilities: Σ p(c)·centre(c). A smooth
 * curve for the timeline, unlike the arg-max class which jumps between bin centres.
 */
export function expectedValence(probs: Float32Array): Float32Array {
  const k = VALENCE_CLASS_COUNT;
  const out = new Float32Array(probs.length / k);
  for (let f = 0; f < out.length; f++) {
    let v = 0;
    for (let c = 0; c < k; c++) v += probs[f * k + c] * CLASS_CENTRES[c];
    out[f] = v;
  }
  return out;
}

/** Arg-max class 1..7 per frame from row-major [frames × 7] probabilities. */
export function argmaxClasses(probs: Float32Array): Uint8Array {
  const k = VALENCE_CLASS_COUNT;
  const out = new Uint8Array(probs.length / k);
  for (let f = 0; f < out.length; f++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[f * k + c] > probs[f * k + best]) best = c;
    out[f] = best + 1;
  }
  return out;
}
