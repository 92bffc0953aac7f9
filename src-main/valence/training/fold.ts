/**
 * One leave-one-movie-out fold: train on all movies but the held-out one and its validation
 * neighbour, early-stop on the neighbour, test on the held-out movie. Pure of any scheduling: the
 * grid runs folds one after another in-process, or side by side through the caller's `ParallelFolds`.
 */
import type { EventClass } from '../../contract/domain.js';
import { Rng } from '../../util/random.js';
import type { TaskContext } from '../../util/task-context.js';
import type { EvalMovie } from '../data/eval-movie.js';
import { fitNormalizer } from '../data/frame-table.js';
import type { EventSetting, Modality } from '../data/modalities.js';
import { buildModel } from '../model/build-model.js';
import { modelConfig, type Architecture, type ModelOverrides } from '../model/model-config.js';
import { accuracy, accuracyWithin1, perClassRecall, type Confusion } from '../stats/metrics.js';
import type { ShareSums } from '../explain/occlusion.js';
import { evaluateOnMovie } from './evaluate-fold.js';
import type { TrainOptions } from './settings.js';
import { trainModel } from './train.js';

export interface FoldSpec {
  model: Architecture;
  events: EventSetting;
  /** Index of the held-out movie. */
  k: number;
  modalities: Modality[];
  stride: number;
  testStride: number;
  training: TrainOptions;
  overrides: ModelOverrides;
  /** Also measure each modality's share of the test predictions per event class (occlusion). */
  explain?: boolean;
}

export interface FoldResult {
  movie: string;
  movieId: number;
  acc: number;
  acc1: number;
  confusion: Confusion;
  recall: number[];
  extremeCorrect: Record<EventClass, number>;
  epochs: number;
  bestEpoch: number;
  trainSeconds: number;
  samplesPerSecond: number;
  /** With `explain`: summed shares per event class and 'all', in `modalities` order. */
  shares?: ShareSums;
}

/** The next movie (wrapping) validates; with only two movies there is none to spare. */
export function foldSplit<T>(movies: T[], k: number): { test: T; validation: T | null; train: T[] } {
  const test = movies[k];
  const validation = movies.length > 2 ? movies[(k + 1) % movies.length] : null;
  return { test, validation, train: movies.filter((m) => m !== test && m !== validation) };
}

export async function runFold(spec: FoldSpec, movies: EvalMovie[], ctx: TaskContext): Promise<FoldResult> {
  const { test, validation, train } = foldSplit(movies, spec.k);
  const inputs = spec.modalities.map((modality) => ({ modality, dims: movies[0].sampled.features.get(modality)!.dims }));
  const normalizer = fitNormalizer(
    train.map((m) => m.sampled),
    spec.modalities,
  );
  const seed = spec.training.seed + spec.k;
  const model = buildModel(modelConfig(spec.model, inputs, { windowStep: spec.stride, ...spec.overrides }), new Rng(seed));
  try {
    const summary = await trainModel(model, train.map((m) => m.sampled), validation?.sampled ?? null, normalizer, { ...spec.training, seed }, ctx);
    ctx.progress(1, 'testing');
    const scores = await evaluateOnMovie(model, normalizer, test, spec.testStride, spec.explain ?? false);
    return {
      movie: test.title,
      movieId: test.id,
      acc: accuracy(scores.confusion),
      acc1: accuracyWithin1(scores.confusion),
      confusion: scores.confusion,
      recall: perClassRecall(scores.confusion),
      extremeCorrect: scores.extremeCorrect,
      epochs: summary.epochs.length,
      bestEpoch: summary.bestEpoch,
      trainSeconds: summary.seconds,
      samplesPerSecond: summary.samplesPerSecond,
      ...(scores.shares ? { shares: scores.shares } : {}),
    };
  } finally {
    model.params.dispose();
  }
}
