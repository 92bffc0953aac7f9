/**
 * A rating pass turned into one value per 25 Hz film frame. The slider is read once per animation
 * frame, but the film may run at 0.25× or the page may skip frames: every film frame the playhead
 * crosses gets the slider's value at the moment the crossing is seen, so a slow pass still yields one
 * sample per frame and a stutter repeats the value rather than leaving a hole.
 */
import { VALENCE_RATE_HZ } from '../../../src-main/contract/domain.js';

/** Frames of a film `duration` seconds long (as the core counts them: the last partial frame counts). */
export const framesOf = (duration: number): number => Math.max(0, Math.ceil(duration * VALENCE_RATE_HZ - 1e-9));

/** Film time in seconds of the start of frame `frame`. */
export const frameTime = (frame: number): number => frame / VALENCE_RATE_HZ;

/**
 * Frames [start, end) a pass covers in a film of `total` frames: the selected range when there is one,
 * else from the playhead to the end of the film. Null when that holds no frame (the playhead at the end).
 */
export function passFrames(range: { start: number; end: number } | null, playhead: number, total: number): { start: number; end: number } | null {
  const start = Math.min(total, Math.max(0, Math.round((range ? range.start : playhead) * VALENCE_RATE_HZ)));
  const end = range ? Math.min(total, Math.round(range.end * VALENCE_RATE_HZ)) : total;
  return end > start ? { start, end } : null;
}

/**
 * A film-time jump larger than this within one read is a seek (someone used the player's controls, or
 * the tab slept), not playback: the pass ends there rather than filling seconds with one value.
 */
export const MAX_STEP_SECONDS = 1;

export type PushResult = 'rating' | 'done' | 'jumped';

export class RatingSampler {
  readonly start: number;
  readonly end: number;
  readonly #values: Float32Array;
  /** The next frame to fill, absolute. */
  #next: number;
  #lastTime: number;

  constructor(start: number, end: number) {
    if (!(Number.isInteger(start) && Number.isInteger(end) && end > start && start >= 0)) throw new Error(`a rating pass needs frames start < end, got ${start}–${end}`);
    this.start = start;
    this.end = end;
    this.#values = new Float32Array(end - start);
    this.#next = start;
    this.#lastTime = frameTime(start);
  }

  /** Frames filled so far. */
  get count(): number {
    return this.#next - this.start;
  }

  /** The filled values (a view, valid until the next push). */
  get values(): Float32Array {
    return this.#values.subarray(0, this.count);
  }

  /** The playhead is at `time` and the slider at `value`: fills every frame up to `time`. */
  push(time: number, value: number): PushResult {
    if (this.#next >= this.end) return 'done';
    // A frame's worth of slack backwards: a seek may land a hair before the frame it was asked for.
    if (time < this.#lastTime - frameTime(1) || time - this.#lastTime > MAX_STEP_SECONDS) return 'jumped';
    this.#lastTime = Math.max(this.#lastTime, time);
    const upto = Math.min(this.end - 1, Math.floor(time * VALENCE_RATE_HZ + 1e-6));
    const v = Math.max(-1, Math.min(1, value));
    for (; this.#next <= upto; this.#next++) this.#values[this.#next - this.start] = v;
    return this.#next >= this.end ? 'done' : 'rating';
  }
}
