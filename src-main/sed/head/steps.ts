/**
 * Between the tagger's window steps (0.48 s) and the 25 Hz valence frames: targets for training
 * from labelled events, and step activity spread over frames for post-processing. Pure.
 */
import type { LabelledEvent } from '../data/soundscape.js';
import { TAGGER, TAGGER_STEP_S } from '../tagger/tagger.js';

/** Per step and class, the fraction of the step's span covered by events of the class. [steps × K] */
export function stepTargets(events: readonly Pick<LabelledEvent, 'label' | 'onset' | 'offset'>[], classes: readonly string[], steps: number): Float32Array {
  const k = classes.length;
  const out = new Float32Array(steps * k);
  for (let c = 0; c < k; c++) {
    // Merge overlapping events of the class first so coverage never exceeds 1.
    const spans = events
      .filter((e) => e.label === classes[c])
      .map((e) => [e.onset, e.offset] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([...s]);
    }
    for (const [on, off] of merged) {
      const first = Math.max(0, Math.floor(on / TAGGER_STEP_S));
      const last = Math.min(steps - 1, Math.ceil(off / TAGGER_STEP_S) - 1);
      for (let s = first; s <= last; s++) {
        const a = Math.max(on, s * TAGGER_STEP_S);
        const b = Math.min(off, (s + 1) * TAGGER_STEP_S);
        if (b > a) out[s * k + c] += (b - a) / TAGGER_STEP_S;
      }
    }
  }
  return out;
}

/**
 * Step activity [steps × K] → 25 Hz frames [frames × K], linear between step centres (held before
 * the first centre and after the last).
 */
export function stepsToFrames(activity: Float32Array, k: number, frames: number): Float32Array {
  const steps = activity.length / k;
  const out = new Float32Array(frames * k);
  if (steps === 0) return out;
  const per = TAGGER.framesPerStep;
  for (let f = 0; f < frames; f++) {
    // Step s is centred at frame (s + 0.5)·per − 0.5.
    const pos = (f + 0.5) / per - 0.5;
    const s0 = Math.max(0, Math.min(steps - 1, Math.floor(pos)));
    const s1 = Math.min(steps - 1, s0 + 1);
    const w = Math.max(0, Math.min(1, pos - s0));
    for (let c = 0; c < k; c++) out[f * k + c] = (1 - w) * activity[s0 * k + c] + w * activity[s1 * k + c];
  }
  return out;
}

/**
 * The streaming form of stepsToFrames (activity, linear) and of holding embeddings (nearest step):
 * a frame is final once the step after it is known, so the last step waits for `finish`.
 */
export class StepsToFrames {
  private steps: Float32Array[] = [];
  private embeddings: Float32Array[] = [];
  private emitted = 0;

  constructor(
    private readonly k: number,
    private readonly dims: number,
  ) {}

  /**
   * Appends steps ([n × k] activity, [n × dims] embedding); returns the frames now final, or, with
   * `totalFrames` (the stream's end), every remaining frame up to it.
   */
  push(activity: Float32Array, embedding: Float32Array, totalFrames?: number): { count: number; activity: Float32Array; embedding: Float32Array } {
    const n = activity.length / this.k;
    for (let s = 0; s < n; s++) {
      this.steps.push(activity.subarray(s * this.k, (s + 1) * this.k));
      this.embeddings.push(embedding.subarray(s * this.dims, (s + 1) * this.dims));
    }
    const known = TAGGER.framesPerStep * this.steps.length;
    // Frame f is final once the step after its interpolation pair is known: f < per·S − per/2.
    return this.emit(totalFrames === undefined ? Math.max(0, known - Math.ceil(TAGGER.framesPerStep / 2) - 1) : Math.min(totalFrames, known));
  }

  private emit(until: number): { count: number; activity: Float32Array; embedding: Float32Array } {
    const count = Math.max(0, until - this.emitted);
    const activity = new Float32Array(count * this.k);
    const embedding = new Float32Array(count * this.dims);
    const last = this.steps.length - 1;
    for (let i = 0; i < count; i++) {
      const f = this.emitted + i;
      const pos = (f + 0.5) / TAGGER.framesPerStep - 0.5;
      const s0 = Math.max(0, Math.min(last, Math.floor(pos)));
      const s1 = Math.min(last, s0 + 1);
      const w = Math.max(0, Math.min(1, pos - s0));
      for (let c = 0; c < this.k; c++) activity[i * this.k + c] = (1 - w) * this.steps[s0][c] + w * this.steps[s1][c];
      embedding.set(this.embeddings[Math.min(last, Math.floor(f / TAGGER.framesPerStep))], i * this.dims);
    }
    this.emitted += count;
    return { count, activity, embedding };
  }
}
