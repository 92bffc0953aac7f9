/**
 * The evaluation report from labelled movies in memory: the Table II grid by leave-one-movie-out,
 * Table I, Fig. 2 and the t-tests between cells.
 */
import type { TaskContext } from '../../util/task-context.js';
import type { EvalMovie } from '../data/eval-movie.js';
import type { SemanticsSource } from '../data/modalities.js';
import type { ValenceReport } from '../report/report-data.js';
import { figTwo } from '../stats/fig-two.js';
import { significance } from '../stats/significance.js';
import { tableOne } from '../stats/table-one.js';
import { runGrid, type GridOptions, type ParallelFolds } from './grid.js';

export interface EvaluationSettings extends GridOptions {
  /** Where the movies' sound semantics came from, recorded in the report. */
  semantics: SemanticsSource;
  /** Whose ratings were the label, in words, recorded in the report. */
  labels: string;
}

export async function evaluateMovies(movies: EvalMovie[], settings: EvaluationSettings, ctx: TaskContext, parallel?: ParallelFolds): Promise<ValenceReport> {
  const cells = await runGrid(movies, settings, ctx, parallel);
  const table = tableOne(movies);
  return {
    createdAt: new Date().toISOString(),
    settings: {
      models: settings.models,
      events: settings.events,
      av: settings.av,
      semantics: settings.semantics,
      labels: settings.labels,
      stride: settings.stride,
      testStride: settings.testStride,
      training: { ...settings.training },
      model: { ...(settings.model ?? {}) },
    },
    movies: movies.map((m) => ({ id: m.id, title: m.title, frames: m.frames })),
    cells,
    tableOne: table,
    figTwo: figTwo(cells, table),
    significance: significance(cells),
  };
}
