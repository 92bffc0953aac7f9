/**
 * Streaming emobase2010 extractor: push mono 16 kHz PCM in chunks of any size, receive one 1,582-value
 * row per complete 400 ms window (every 40 ms) as soon as its LLDs are final, and optionally the 10 ms
 * LLD rows and the whole-input functionals at the end.
 *
 * Frame-wise memory is bounded (a window's worth of LLD rows); only `wholeFile` keeps every LLD row
 * (76 float32 per 10 ms, ~110 MB per hour), because whole-input percentiles need them all.
 */
import { LldStream } from './lld-stream.js';
import { FunctionalsScratch } from './functionals.js';
import { windowFeatures } from './window-features.js';
import { FEATURE_COUNT, LLD_COLUMN_COUNT } from './names.js';
import { HOP, SAMPLE_RATE, WINDOW_FRAMES, WINDOW_STEP_FRAMES } from './config.js';

export interface Emobase2010Options {
  /** One frame-wise row (reused between calls) and its window start time in seconds. */
  onFrame?: (row: Float32Array, frameTime: number) => void;
  /** One 76-value LLD row (reused between calls), its index and time in seconds. */
  onLld?: (row: Float32Array, frameIndex: number, frameTime: number) => void;
  /** Keep every LLD row so that `finish` can return the whole-input functionals. */
  wholeFile?: boolean;
}

export interface Emobase2010Extractor {
  push(chunk: Float32Array): void;
  /** Flushes the remaining windows; returns the whole-input row when `wholeFile` was set, else null. */
  finish(): Float32Array | null;
}

const FRAME_SEC = HOP / SAMPLE_RATE;

/** Growable row-major store of LLD rows with their unsmoothed F0, dropping rows from the front. */
class LldStore {
  rows = new Float32Array(256 * LLD_COLUMN_COUNT);
  f0 = new Float32Array(256);
  /** Frame index of rows[0]. */
  base = 0;
  count = 0;

  add(row: Float32Array, f0: number): void {
    if (this.count === this.f0.length) this.grow();
    this.rows.set(row, this.count * LLD_COLUMN_COUNT);
    this.f0[this.count++] = f0;
  }

  /** Drops frames before `frame`, but only once that frees half the store (copying is then amortised). */
  dropBefore(frame: number): void {
    const drop = frame - this.base;
    if (drop < this.f0.length / 2) return;
    this.rows.copyWithin(0, drop * LLD_COLUMN_COUNT, this.count * LLD_COLUMN_COUNT);
    this.f0.copyWithin(0, drop, this.count);
    this.base = frame;
    this.count -= drop;
  }

  private grow(): void {
    const rows = new Float32Array(this.rows.length * 2);
    rows.set(this.rows);
    const f0 = new Float32Array(this.f0.length * 2);
    f0.set(this.f0);
    this.rows = rows;
    this.f0 = f0;
  }
}

export function createEmobase2010Extractor(options: Emobase2010Options = {}): Emobase2010Extractor {
  const { onFrame, onLld, wholeFile = false } = options;
  const store = new LldStore();
  const scratch = new FunctionalsScratch(WINDOW_FRAMES);
  const out = new Float32Array(FEATURE_COUNT);
  let nextWindow = 0;

  const windowAt = (first: number, count: number, f0Count: number, durationSec: number) =>
    windowFeatures({ rows: store.rows, first: first - store.base, count, f0: store.f0, f0First: first - store.base, f0Count, durationSec }, out, scratch);

  // Window k covers LLD frames [4k, 4k+40) and is emitted only if frame 4k+41 exists, as openSMILE does
  // (its windows must end two frames before the input's last LLD frame).
  const emitWindows = (framesKnown: number) => {
    while (WINDOW_STEP_FRAMES * nextWindow + WINDOW_FRAMES + 2 <= framesKnown) {
      const first = WINDOW_STEP_FRAMES * nextWindow;
      if (onFrame) onFrame(windowAt(first, WINDOW_FRAMES, WINDOW_FRAMES, WINDOW_FRAMES * FRAME_SEC), first * FRAME_SEC);
      nextWindow++;
      if (!wholeFile) store.dropBefore(WINDOW_STEP_FRAMES * nextWindow);
    }
  };

  const lld = new LldStream((row, index, f0) => {
    store.add(row, f0);
    onLld?.(row, index, index * FRAME_SEC);
    emitWindows(index + 1);
  });

  return {
    push: (chunk) => lld.push(chunk),
    finish() {
      const n = lld.finish();
      emitWindows(n);
      if (!wholeFile) return null;
      // openSMILE's whole-input functionals see LLD frames [0, N-3) and F0 frames [0, N-1).
      const count = Math.max(0, n - 3);
      const f0Count = Math.max(0, n - 1);
      if (count === 0) return new Float32Array(FEATURE_COUNT);
      return windowAt(0, count, f0Count, f0Count * FRAME_SEC).slice();
    },
  };
}

/** Convenience for a whole clip in memory: frame-wise rows (copied), their times and the whole-input row. */
export function extractEmobase2010(samples: Float32Array): { frames: Float32Array[]; frameTimes: number[]; whole: Float32Array } {
  const frames: Float32Array[] = [];
  const frameTimes: number[] = [];
  const extractor = createEmobase2010Extractor({
    wholeFile: true,
    onFrame: (row, time) => {
      frames.push(row.slice());
      frameTimes.push(time);
    },
  });
  extractor.push(samples);
  const whole = extractor.finish() ?? new Float32Array(FEATURE_COUNT);
  return { frames, frameTimes, whole };
}
