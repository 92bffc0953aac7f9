/**
 * The paper's Table II protocol: for each model × events setting, leave-one-movie-out
 * cross-validation. Each fold holds one movie out for testing, uses the next movie (in project
 * order, wrapping) for early stopping and trains on the rest; metrics are averaged over folds.
 */
import type { EventClass } from '../contract/domain.js';
import type { JobContext } from '../jobs/job-types.js';
import type { EvalMovie } from './eval-movie.js';
import { evaluateOnMovie } from './evaluate-fold.js';
import { fitNormalizer } from './frame-table.js';
import { accuracy, accuracyWithin1, finiteMean, perClassRecall, type Confusion } from './metrics.js';
import { semanticModalities, type AvModality, type EventSetting, type Modality } from './modalities.js';
import { ARCHITECTURE_TITLES, modelConfig, needsSemantics, type Architecture, type ValenceModelConfig } from './model-config.js';
import { buildModel } from './models/index.js';
import { trainModel, type TrainOptions } from './train.js';
import { VALENCE_CLASS_COUNT } from '../contract/domain.js';

export interface GridOptions {
  models: Architecture[];
  events: EventSetting[];
  /** Audio-visual modalities every cell uses. */
  av: AvModality[];
  /** Training and validation frame stride (1 = every 25 Hz frame). */
  stride: number;
  /** Test frame stride: 1 scores every frame as the paper does; the training stride is faster. */
  testStride: number;
  training: TrainOptions;
  /** Architecture settings beyond the defaults (sizes, tokens, window…). */
  model?: Partial<Omit<ValenceModelConfig, 'architecture' | 'inputs' | 'formatVersion'>>;
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
}

export interface CellResult {
  model: Architecture;
  title: string;
  events: EventSetting;
  /** Means over folds; null for a cell that cannot run (e.g. cross-modal attention without events). */
  acc: number | null;
  acc1: number | null;
  recall: (number | null)[];
  folds: FoldResult[];
  skipped?: string;
}

export const cellKey = (model: Architecture, events: EventSetting) => `${model}/${events}`;

/** Why a cell cannot run with these inputs, or null when it can. */
export function cellBlocker(model: Architecture, events: EventSetting, av: AvModality[]): string | null {
  if (needsSemantics(model) && events === 'none') return `${ARCHITECTURE_TITLES[model]} attends across modalities and needs sound semantics`;
  if (needsSemantics(model) && av.length === 0) return `${ARCHITECTURE_TITLES[model]} needs audio-visual descriptors`;
  if (av.length === 0 && events === 'none') return 'no inputs: no audio-visual descriptors and no events';
  return null;
}

const nullable = (x: number) => (Number.isFinite(x) ? x : null);

export async function runGrid(movies: EvalMovie[], options: GridOptions, ctx: JobContext): Promise<CellResult[]> {
  if (movies.length < 2) throw new Error(`leave-one-movie-out needs at least 2 labelled movies, the project has ${movies.length}`);
  const cells = options.models.flatMap((model) => options.events.map((events) => ({ model, events, blocker: cellBlocker(model, events, options.av) })));
  const runnable = cells.filter((c) => !c.blocker).length;
  const totalFolds = runnable * movies.length;
  let doneFolds = 0;
  const results: CellResult[] = [];
  for (const cell of cells) {
    const title = ARCHITECTURE_TITLES[cell.model];
    if (cell.blocker) {
      results.push({ model: cell.model, title, events: cell.events, acc: null, acc1: null, recall: new Array(VALENCE_CLASS_COUNT).fill(null), folds: [], skipped: cell.blocker });
      continue;
    }
    const modalities: Modality[] = [...options.av, ...semanticModalities(cell.events)];
    const inputs = modalities.map((modality) => ({ modality, dims: movies[0].sampled.features.get(modality)!.dims }));
    const folds: FoldResult[] = [];
    for (let k = 0; k < movies.length; k++) {
      ctx.throwIfCancelled();
      const test = movies[k];
      const validation = movies.length > 2 ? movies[(k + 1) % movies.length] : null;
      const train = movies.filter((m) => m !== test && m !== validation);
      const label = `${title} ${cell.events} · test ${test.title}`;
      const slot = { from: doneFolds / totalFolds, size: 1 / totalFolds };
      const foldCtx: JobContext = {
        signal: ctx.signal,
        throwIfCancelled: () => ctx.throwIfCancelled(),
        progress: (f, msg) => ctx.progress(slot.from + slot.size * f, `${label}: ${msg ?? ''}`),
      };
      const normalizer = fitNormalizer(
        train.map((m) => m.sampled),
        modalities,
      );
      const config = modelConfig(cell.model, inputs, { windowStep: options.stride, ...options.model });
      const model = buildModel(config, options.training.seed + k);
      try {
        const summary = await trainModel(model, train.map((m) => m.sampled), validation?.sampled ?? null, normalizer, { ...options.training, seed: options.training.seed + k }, foldCtx);
        ctx.progress(slot.from + slot.size, `${label}: testing`);
        const scores = evaluateOnMovie(model, normalizer, test, options.testStride);
        folds.push({
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
        });
      } finally {
        model.params.dispose();
      }
      doneFolds++;
    }
    results.push({
      model: cell.model,
      title,
      events: cell.events,
      acc: nullable(finiteMean(folds.map((f) => f.acc))),
      acc1: nullable(finiteMean(folds.map((f) => f.acc1))),
      recall: Array.from({ length: VALENCE_CLASS_COUNT }, (_, c) => nullable(finiteMean(folds.map((f) => f.recall[c])))),
      folds,
    });
  }
  return results;
}
