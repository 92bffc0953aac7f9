/**
 * Tests a trained model on a held-out movie, chunk by chunk so a 30-minute film at full
 * dimensionality (1 GB of float32 descriptors) never sits in memory whole: the frame-wise
 * confusion matrix, and for Fig. 2 the correctly classified extreme-valence frames inside each
 * event class.
 */
import { EVENT_CLASSES, type EventClass } from '../contract/domain.js';
import type { Normalizer } from './frame-table.js';
import { argmaxClasses, EXTREME_CLASSES } from './labels.js';
import { confusionMatrix, type Confusion } from './metrics.js';
import type { EvalMovie } from './eval-movie.js';
import type { ValenceModel } from './models/model.js';
import { predictRows } from './predict.js';

export interface FoldScores {
  confusion: Confusion;
  /** Per event class: frames inside the event whose true class is 1, 2, 6 or 7 and was predicted exactly. */
  extremeCorrect: Record<EventClass, number>;
  /** Frames scored. */
  frames: number;
}

const CHUNK_FRAMES = 4500;

/** Scores every `testStride`-th frame (1: all, as in the paper). */
export function evaluateOnMovie(model: ValenceModel, normalizer: Normalizer, movie: EvalMovie, testStride: number): FoldScores {
  const { window, windowStep } = model.config;
  const margin = model.groups.some((g) => g.window > 1) ? (window - 1) * windowStep : 0;
  const truth: number[] = [];
  const predicted: number[] = [];
  const extremeCorrect = Object.fromEntries(EVENT_CLASSES.map((c) => [c, 0])) as Record<EventClass, number>;
  const extreme = new Set(EXTREME_CLASSES);
  // Chunks start on the stride grid, so the frames scored are always 0, s, 2s, …
  const chunk = testStride * Math.ceil(CHUNK_FRAMES / testStride);
  for (let from = 0; from < movie.frames; from += chunk) {
    const to = Math.min(movie.frames, from + chunk);
    // Start early enough that the first rows' windows see real frames, on the stride grid.
    const start = Math.max(0, from - Math.ceil(margin / testStride) * testStride);
    const table = movie.read(start, to, testStride);
    const own = Math.ceil((from - start) / testStride);
    const classes = argmaxClasses(predictRows(model, table, normalizer, own, table.rows));
    classes.forEach((c, i) => {
      const frame = start + (own + i) * testStride;
      const t = movie.classes[frame];
      if (t === 0) return;
      truth.push(t);
      predicted.push(c);
      if (c === t && extreme.has(t)) for (const e of EVENT_CLASSES) extremeCorrect[e] += movie.masks.get(e)![frame];
    });
  }
  return { confusion: confusionMatrix(truth, predicted), extremeCorrect, frames: truth.length };
}
