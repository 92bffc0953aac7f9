/**
 * Tests a trained model on a held-out movie: the frame-wise confusion matrix, and for Fig. 2 the
 * correctly classified extreme-valence frames inside each event class; and, if asked, each input
 * modality's mean share of the predictions per event class (occlusion, see valence/explain).
 */
import { isMainThread } from 'node:worker_threads';
import { EVENT_CLASSES, type EventClass } from '../../contract/domain.js';
import type { EvalMovie } from '../data/eval-movie.js';
import type { Normalizer } from '../data/frame-table.js';
import { argmaxClasses, EXTREME_CLASSES } from '../data/labels.js';
import type { ValenceModel } from '../model/model.js';
import { confusionMatrix, type Confusion } from '../stats/metrics.js';
import { explainPlan } from '../explain/explain-rows.js';
import { tallyShares, type ShareSums } from '../explain/occlusion.js';
import { openOnnxPredictor } from '../onnx/onnx-predictor.js';
import { onPredictor, predictionChunks, rowsPlan, tfPredictor } from './predict.js';

export interface FoldScores {
  confusion: Confusion;
  /** Per event class: frames inside the event whose true class is 1, 2, 6 or 7 and was predicted exactly. */
  extremeCorrect: Record<EventClass, number>;
  /** Frames scored. */
  frames: number;
  /** With `explain`: summed shares per event class and 'all', modalities in the model's input order. */
  shares?: ShareSums;
}

/**
 * Scores every `testStride`-th frame (1: all, as in the paper); `explain` costs one more prediction
 * per modality. The weights are final here, so the model runs on ONNX Runtime, as Analyze runs it
 * (on the main thread; see below).
 */
export async function evaluateOnMovie(model: ValenceModel, normalizer: Normalizer, movie: EvalMovie, testStride: number, explain = false): Promise<FoldScores> {
  const truth: number[] = [];
  const predicted: number[] = [];
  const extremeCorrect = Object.fromEntries(EVENT_CLASSES.map((c) => [c, 0])) as Record<EventClass, number>;
  const extreme = new Set(EXTREME_CLASSES);
  const shares: ShareSums = {};
  // ONNX Runtime only on the main thread: fold workers keep TF.js, as onnxruntime-node has had crash
  // reports inside Electron's worker threads, where this cannot be tested.
  const predictor = isMainThread ? await openOnnxPredictor(model) : tfPredictor(model);
  try {
    for (const chunk of predictionChunks(model, movie.frames, testStride)) {
      const table = movie.read(chunk.from, chunk.to, chunk.stride);
      let probs: Float32Array;
      if (explain) {
        const explained = await onPredictor(predictor, explainPlan(model, table, normalizer, chunk.own, table.rows));
        tallyShares(shares, explained.shares, explained.modalities.length, movie.masks, chunk.firstFrame, chunk.stride);
        probs = explained.probs;
      } else probs = await onPredictor(predictor, rowsPlan(model, table, normalizer, chunk.own, table.rows));
      tally(probs, chunk.firstFrame, chunk.stride);
    }
  } finally {
    await predictor.release();
  }
  return { confusion: confusionMatrix(truth, predicted), extremeCorrect, frames: truth.length, ...(explain ? { shares } : {}) };

  function tally(probs: Float32Array, firstFrame: number, stride: number): void {
    argmaxClasses(probs).forEach((c, i) => {
      const frame = firstFrame + i * stride;
      const t = movie.classes[frame];
      if (t === 0) return;
      truth.push(t);
      predicted.push(c);
      if (c === t && extreme.has(t)) for (const e of EVENT_CLASSES) extremeCorrect[e] += movie.masks.get(e)![frame];
    });
  }
}
