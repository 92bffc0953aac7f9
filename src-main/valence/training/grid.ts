/**
 * The paper's Table II protocol: for each model × events setting, leave-one-movie-out
 * cross-validation (fold.ts); metrics are averaged over folds. Folds run one after another, or
 * side by side through the caller's `ParallelFolds` (worker threads that reopen the movies' data).
 */
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import type { TaskContext } from '../../util/task-context.js';
import type { EvalMovie } from '../data/eval-movie.js';
import { semanticModalities, type AvModality, type EventSetting } from '../data/modalities.js';
import { addShareSums, meanShares, type MeanShares } from '../explain/occlusion.js';
import { ARCHITECTURE_TITLES, inputsBlocker, isTransformer, type Architecture, type ModelOverrides } from '../model/model-config.js';
import { finiteMean } from '../stats/metrics.js';
import { runFold, type FoldResult, type FoldSpec } from './fold.js';
import type { TrainOptions } from './settings.js';

export type { FoldResult } from './fold.js';

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
  model?: ModelOverrides;
  /** Worker threads running folds side by side (1: all in this thread). Results do not depend on it. */
  workers?: number;
}

/** Runs the folds on `workers` threads, reporting each result by its index in `specs`. */
export type ParallelFolds = (specs: FoldSpec[], workers: number, ctx: TaskContext, onResult: (index: number, result: FoldResult) => void) => Promise<void>;

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
  /** Transformer cells: each modality's mean share of the test predictions, per event class and 'all' (occlusion). */
  shares?: MeanShares;
}

export const cellKey = (model: Architecture, events: EventSetting) => `${model}/${events}`;

const nullable = (x: number) => (Number.isFinite(x) ? x : null);

/** Without `parallel`, folds run one after another in this thread whatever `options.workers` says. */
export async function runGrid(movies: EvalMovie[], options: GridOptions, ctx: TaskContext, parallel?: ParallelFolds): Promise<CellResult[]> {
  if (movies.length < 2) throw new Error(`leave-one-movie-out needs at least 2 labelled movies, the project has ${movies.length}`);
  const cells = options.models.flatMap((model) => options.events.map((events) => ({ model, events, blocker: inputsBlocker(model, events, options.av) })));
  const specs: FoldSpec[] = cells
    .filter((c) => !c.blocker)
    .flatMap((c) =>
      movies.map((_, k) => ({
        model: c.model,
        events: c.events,
        k,
        modalities: [...options.av, ...semanticModalities(c.events)],
        stride: options.stride,
        testStride: options.testStride,
        training: options.training,
        overrides: options.model ?? {},
        explain: isTransformer(c.model),
      })),
    );
  const results: FoldResult[] = new Array(specs.length);
  const workers = Math.min(options.workers ?? 1, specs.length);
  if (workers > 1 && parallel) {
    await parallel(specs, workers, ctx, (i, r) => (results[i] = r));
  } else {
    for (const [i, spec] of specs.entries()) {
      ctx.throwIfCancelled();
      const label = `${ARCHITECTURE_TITLES[spec.model]} ${spec.events} · test ${movies[spec.k].title}`;
      results[i] = await runFold(spec, movies, {
        signal: ctx.signal,
        throwIfCancelled: () => ctx.throwIfCancelled(),
        progress: (f, msg) => ctx.progress((i + f) / specs.length, `${label}: ${msg ?? ''}`),
      });
    }
  }
  return cells.map((c) => {
    const title = ARCHITECTURE_TITLES[c.model];
    if (c.blocker) return { model: c.model, title, events: c.events, acc: null, acc1: null, recall: new Array(VALENCE_CLASS_COUNT).fill(null), folds: [], skipped: c.blocker };
    const folds = results.filter((_, i) => specs[i].model === c.model && specs[i].events === c.events);
    return {
      model: c.model,
      title,
      events: c.events,
      acc: nullable(finiteMean(folds.map((f) => f.acc))),
      acc1: nullable(finiteMean(folds.map((f) => f.acc1))),
      recall: Array.from({ length: VALENCE_CLASS_COUNT }, (_, k) => nullable(finiteMean(folds.map((f) => f.recall[k])))),
      folds,
      ...(isTransformer(c.model) ? { shares: meanShares(addShareSums(folds.map((f) => f.shares ?? {})), [...options.av, ...semanticModalities(c.events)]) } : {}),
    };
  });
}
