/**
 * Tests a trained model on a held-out movie: the frame-wise confusion matrix, and for Fig. 2 the
 * correctly classified extreme-valence frames inside each event class.
 */
import { EVENT_CLASSES, type EventClass } from '../../contract/domain.js';
import type { EvalMovie } from '../data/eval-movie.js';
import type { Normalizer } from '../data/frame-table.js';
import { argmaxClasses, EXTREME_CLASSES } from '../data/labels.js';
import type { ValenceModel } from '../model/model.js';
import { confusionMatrix, type Confusion } from '../stats/metrics.js';
import { predictInChunks } from './predict.js';

export interface FoldScores {
  confusion: Confusion;
  /** Per event class: frames inside the event whose true class is 1, 2, 6 or 7 and was predicted exactly. */
  extremeCorrect: Record<EventClass, number>;
  /** Frames scored. */
  frames: number;
}

/** Scores every `testStride`-th frame (1: all, as in the paper). */
export function evaluateOnMovie(model: ValenceModel, normalizer: Normalizer, movie: EvalMovie, testStride: number): FoldScores {
  const truth: number[] = [];
  const predicted: number[] = [];
  const extremeCorrect = Object.fromEntries(EVENT_CLASSES.map((c) => [c, 0])) as Record<EventClass, number>;
  const extreme = new Set(EXTREME_CLASSES);
  for (const chunk of predictInChunks(model, normalizer, movie.frames, movie.read, testStride)) {
    argmaxClasses(chunk.probs).forEach((c, i) => {
      const frame = chunk.firstFrame + i * chunk.stride;
      const t = movie.classes[frame];
      if (t === 0) return;
      truth.push(t);
      predicted.push(c);
      if (c === t && extreme.has(t)) for (const e of EVENT_CLASSES) extremeCorrect[e] += movie.masks.get(e)![frame];
    });
  }
  return { confusion: confusionMatrix(truth, predicted), extremeCorrect, frames: truth.length };
}
