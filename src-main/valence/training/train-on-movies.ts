/**
 * One valence model trained on labelled movies in memory. One movie (the last, by default) is held
 * back for early stopping, as in each leave-one-movie-out fold, and scored at every frame.
 */
import { Rng } from '../../util/random.js';
import type { TaskContext } from '../../util/task-context.js';
import type { EvalMovie } from '../data/eval-movie.js';
import { fitNormalizer, type Normalizer } from '../data/frame-table.js';
import type { Modality } from '../data/modalities.js';
import { buildModel, type ValenceModel } from '../model/build-model.js';
import { modelConfig, type Architecture, type ModelOverrides } from '../model/model-config.js';
import { accuracy, accuracyWithin1, type Confusion } from '../stats/metrics.js';
import { evaluateOnMovie } from './evaluate-fold.js';
import type { TrainOptions } from './settings.js';
import { trainModel, type TrainSummary } from './train.js';

export interface TrainOnMoviesSettings {
  architecture: Architecture;
  /** Inputs in the order the model reads them; every movie's sample has them all. */
  modalities: Modality[];
  stride: number;
  training: TrainOptions;
  model?: ModelOverrides;
  /** Movie for early stopping; by default the last one (none when only one movie). */
  validationMovieId?: number | null;
}

export interface TrainedOnMovies {
  /** The caller disposes `model.params`. */
  model: ValenceModel;
  normalizer: Normalizer;
  summary: TrainSummary;
  trainMovies: number[];
  validation: { movie: number; acc: number; acc1: number; confusion: Confusion } | null;
}

export async function trainOnMovies(movies: EvalMovie[], settings: TrainOnMoviesSettings, ctx: TaskContext): Promise<TrainedOnMovies> {
  const { modalities, training } = settings;
  const last = movies.length > 1 ? movies[movies.length - 1].id : null;
  const validationId = settings.validationMovieId === undefined ? last : settings.validationMovieId;
  const validation = movies.find((m) => m.id === validationId) ?? null;
  const train = movies.filter((m) => m !== validation);
  const inputs = modalities.map((modality) => ({ modality, dims: movies[0].sampled.features.get(modality)!.dims }));
  const model = buildModel(modelConfig(settings.architecture, inputs, { windowStep: settings.stride, ...settings.model }), new Rng(training.seed));
  try {
    const normalizer = fitNormalizer(
      train.map((m) => m.sampled),
      modalities,
    );
    const summary = await trainModel(model, train.map((m) => m.sampled), validation?.sampled ?? null, normalizer, training, ctx);
    const scores = validation ? await evaluateOnMovie(model, normalizer, validation, 1) : null;
    return {
      model,
      normalizer,
      summary,
      trainMovies: train.map((m) => m.id),
      validation: scores && { movie: validation!.id, acc: accuracy(scores.confusion), acc1: accuracyWithin1(scores.confusion), confusion: scores.confusion },
    };
  } catch (err) {
    model.params.dispose();
    throw err;
  }
}
