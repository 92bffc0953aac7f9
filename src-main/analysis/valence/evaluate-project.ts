/**
 * `evaluate` on a project: gathers the labelled movies and their inputs (asking the caller's hook
 * to compute missing descriptors, or failing with what is missing), reads them once, and hands them
 * to the evaluation (Table II grid, Table I, Fig. 2, t-tests), its folds on worker threads if asked.
 */
import { badRequest } from '../../contract/errors.js';
import type { Project } from '../../store/project.js';
import type { TaskContext } from '../../util/task-context.js';
import { semanticModalities, type AvModality, type SemanticsSource } from '../../valence/data/modalities.js';
import type { ValenceReport } from '../../valence/report/report-data.js';
import { evaluateMovies } from '../../valence/training/evaluate-movies.js';
import type { GridOptions } from '../../valence/training/grid.js';
import { foldsInWorkers } from './fold-pool.js';
import { ALL_RATERS, type LabelChoice } from '../../contract/traces.js';
import { describeLabels } from '../../valence/training/settings.js';
import { labelledMovieIds, loadLabelledMovies, type EnsureDescriptors } from './valence-inputs.js';

export interface EvaluateOptions extends Omit<GridOptions, 'av'> {
  /** Audio-visual modalities; by default those every labelled movie has. */
  av?: AvModality[];
  semantics: SemanticsSource;
  /** The per-film label: the mean of these raters (default: of all). */
  labels?: LabelChoice;
  /** Only these movies (default: every movie the chosen raters rated). */
  movieIds?: number[];
  ensureDescriptors?: EnsureDescriptors;
}

export async function evaluateProject(project: Project, options: EvaluateOptions, ctx: TaskContext): Promise<ValenceReport> {
  const { movieIds, av: requestedAv, semantics, labels = ALL_RATERS, ensureDescriptors, ...grid } = options;
  const ids = movieIds ?? labelledMovieIds(project, labels);
  if (ids.length < 2) throw badRequest(`leave-one-movie-out needs at least 2 movies with a valence annotation; this project has ${ids.length}`);
  const semantic = [...new Set(grid.events.flatMap(semanticModalities))];
  const request = { ids, av: requestedAv, semantic, semantics, labels, stride: grid.stride, ensure: ensureDescriptors };
  const { av, modalities, movies } = await loadLabelledMovies(project, request, ctx, (phase) => ctx.progress(0, phase));
  return evaluateMovies(movies, { ...grid, av, semantics, labels: describeLabels(labels) }, ctx, foldsInWorkers(movies, { projectPath: project.path, modalities, semantics, labels }));
}
