/**
 * A rating pass: the film plays at the chosen speed while the rater moves the slider (mouse, ↑/↓, a
 * gamepad stick); after a 3-second countdown every 25 Hz film frame the playhead crosses is sampled,
 * and stopping sends the whole pass as one trace edit, so one undoable step. With a time range
 * selected the pass plays only that range and replaces only it.
 */
import { frameTime, passFrames, RatingSampler } from '../lib/rating-sampler.js';
import { clampValence, padAxis, stepValue, stickValue, type PadLike } from '../lib/rating-input.js';
import type { Playback } from './playback.svelte.js';
import type { ValenceState } from './valence.svelte.js';

export type RatingPhase = 'setup' | 'countdown' | 'rating' | 'paused' | 'saving';

const COUNTDOWN_SECONDS = 3;
const LABELS_KEY = 'vs.rating.labels';

/** Values go over the wire as JSON: four decimals are finer than any slider and keep a long pass small. */
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

function readPads(): readonly (PadLike | null)[] | null {
  return typeof navigator.getGamepads === 'function' ? navigator.getGamepads() : null;
}

function storedLabels(): { low: string; high: string } {
  try {
    const saved = JSON.parse(localStorage.getItem(LABELS_KEY) ?? 'null') as { low?: unknown; high?: unknown } | null;
    if (saved && typeof saved.low === 'string' && typeof saved.high === 'string') return { low: saved.low, high: saved.high };
  } catch {
    // unreadable storage: the defaults below
  }
  return { low: 'negative', high: 'positive' };
}

export class RatingSession {
  readonly #playback: Playback;
  readonly #valence: ValenceState;
  /** The rating panel is shown. */
  open = $state(false);
  speed = $state(1);
  /** The slider, on [-1, 1]. */
  value = $state(0);
  /** The scale's end labels, remembered in this browser. */
  labels = $state(storedLabels());
  #phase = $state<RatingPhase>('setup');
  #countdown = $state(0);
  /** Frames sampled so far: what the live curve redraws on. */
  #sampled = $state(0);
  #sampler: RatingSampler | null = null;
  #pass = $state.raw<{ start: number; end: number; rater: string } | null>(null);
  #countdownEnd = 0;
  #lastAxis: number | null = null;
  #raf = 0;

  constructor(playback: Playback, valence: ValenceState) {
    this.#playback = playback;
    this.#valence = valence;
  }

  get phase(): RatingPhase {
    return this.#phase;
  }
  /** A pass is under way (counting down, rating or paused): the rating keys own the keyboard. */
  get active(): boolean {
    return this.#phase === 'countdown' || this.#phase === 'rating' || this.#phase === 'paused';
  }
  /** Whole seconds left before the film starts. */
  get countdown(): number {
    return this.#countdown;
  }
  /** The pass so far, drawn live over the lane until the stored trace replaces it. */
  get preview(): { start: number; values: Float32Array } | null {
    void this.#sampled;
    return this.#sampler ? { start: this.#sampler.start, values: this.#sampler.values } : null;
  }
  /** The frames the pass covers, for the panel's "rating 12.0–22.0 s". */
  get pass(): { start: number; end: number; rater: string } | null {
    return this.#pass;
  }

  saveLabels(): void {
    localStorage.setItem(LABELS_KEY, JSON.stringify(this.labels));
  }

  setValue(v: number): void {
    this.value = clampValence(v);
  }

  nudge(direction: 1 | -1): void {
    this.value = stepValue(this.value, direction);
  }

  start(): void {
    if (this.active || this.#phase === 'saving') return;
    const rater = this.#valence.editableRater();
    if (!rater) return;
    const frames = passFrames(this.#valence.range, this.#playback.time, this.#valence.frames);
    if (!frames) {
      this.#valence.message = 'The playhead is at the end of the film: move it back, or select a range to rate.';
      return;
    }
    if (!this.#playback.clock()) {
      this.#valence.message = 'The film is not loaded in the player yet.';
      return;
    }
    this.#valence.message = null;
    this.#pass = { ...frames, rater };
    this.#playback.pause();
    this.#playback.seek(frameTime(frames.start));
    this.#playback.overrideRate(this.speed);
    this.#lastAxis = padAxis(readPads());
    this.#countdownEnd = performance.now() + COUNTDOWN_SECONDS * 1000;
    this.#countdown = COUNTDOWN_SECONDS;
    this.#phase = 'countdown';
    this.#raf = requestAnimationFrame(this.#tick);
  }

  /** Space: pauses and resumes the film (and so the sampling); the countdown runs on regardless. */
  togglePause(): void {
    if (this.#phase === 'rating' || this.#phase === 'paused') this.#playback.toggle();
  }

  /**
   * Ends the pass and stores what was rated as one edit; `why` says why it ended early, if it did. A
   * pass stopped during the countdown stores nothing.
   */
  async stop(why: string | null = null): Promise<void> {
    if (!this.active) return;
    cancelAnimationFrame(this.#raf);
    const sampler = this.#sampler;
    const clock = this.#playback.clock();
    if (sampler && clock && this.#phase === 'rating') sampler.push(clock.time, this.value);
    this.#playback.pause();
    this.#playback.overrideRate(null);
    const pass = this.#pass;
    if (!sampler || !pass || sampler.count === 0) return this.#reset();
    this.#phase = 'saving';
    const values = Array.from(sampler.values, round4);
    const stored = await this.#valence.editTrace(pass.rater, sampler.start, { kind: 'values', values }, `Saving ${pass.rater}'s rating`);
    if (stored) await this.#valence.reload();
    this.#reset();
    if (why) this.#valence.message = why;
  }

  #reset(): void {
    this.#sampler = null;
    this.#sampled = 0;
    this.#pass = null;
    this.#phase = 'setup';
  }

  #pollPad(): void {
    const axis = padAxis(readPads());
    const v = stickValue(axis, this.#lastAxis);
    if (axis !== null) this.#lastAxis = axis;
    if (v !== null) this.value = v;
  }

  #tick = (now: number): void => {
    this.#raf = requestAnimationFrame(this.#tick);
    this.#pollPad();
    const pass = this.#pass!;
    if (this.#phase === 'countdown') {
      const left = Math.ceil((this.#countdownEnd - now) / 1000);
      if (left > 0) {
        this.#countdown = left;
        return;
      }
      this.#countdown = 0;
      this.#sampler = new RatingSampler(pass.start, pass.end);
      this.#sampler.push(frameTime(pass.start), this.value);
      this.#sampled = this.#sampler.count;
      this.#phase = 'rating';
      this.#playback.play();
      return;
    }
    const clock = this.#playback.clock();
    if (!clock) return void this.stop('The player went away: the pass was stored up to there.');
    const result = this.#sampler!.push(clock.time, this.value);
    this.#sampled = this.#sampler!.count;
    if (result === 'jumped') return void this.stop('The film jumped (a seek, or the window slept): the pass was stored up to there.');
    if (result === 'done' || clock.ended) return void this.stop();
    this.#phase = clock.paused ? 'paused' : 'rating';
  };
}
