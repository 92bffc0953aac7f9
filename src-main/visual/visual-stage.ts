/**
 * The visual stage: square RGB frames at the visual rate in, one backbone embedding per 40 ms film
 * frame out (row j at j · 40 ms, the first frame of the paper's 400 ms window), held or interpolated
 * between the frames actually embedded.
 */
import { VALENCE_RATE_HZ } from '../contract/domain.js';
import type { Backbone } from './backbone.js';
import { RowResampler } from './row-resampler.js';
import { VISUAL_DEFAULTS, type VisualSettings } from './visual-settings.js';

export interface VisualStageOptions {
  backbone: Backbone;
  settings?: VisualSettings;
  /** 25 Hz index of the film frame where decoding started (frame 0 of the visual stream is there). */
  startFrame?: number;
  /** Rows completed by a push: `rows` holds count × backbone.dims values, the first for frame `first`. */
  onRows(first: number, rows: Float32Array, count: number): void;
}

export interface VisualStage {
  /** `count` RGB24 frames of backbone.inputSize², decoded at settings.rate frames per second. */
  push(frames: Uint8Array, count: number): Promise<void>;
  /** Emits the rows the last frame covers; returns the number of rows in all. */
  finish(): number;
}

export function createVisualStage({ backbone, settings = VISUAL_DEFAULTS, startFrame = 0, onRows }: VisualStageOptions): VisualStage {
  const resampler = new RowResampler({
    dims: backbone.dims,
    sampleRate: settings.rate,
    rowRate: VALENCE_RATE_HZ,
    interpolation: settings.interpolation,
    startRow: startFrame,
    onRows,
  });
  return {
    async push(frames, count) {
      if (count > 0) resampler.add(await backbone.embed(frames, count), count);
    },
    finish: () => resampler.finish(),
  };
}
