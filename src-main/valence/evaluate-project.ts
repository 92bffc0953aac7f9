/**
 * `evaluate` on a project: gathers the labelled movies and their inputs (asking the caller's hook
 * to compute missing descriptors, or failing with what is missing), runs the Table II grid, and
 * assembles the report with Table I, Fig. 2 and the t-tests.
 */
import { badRequest } from '../contract/errors.js';
import type { TaskContext } from '../util/task-context.js';
import type { Project } from '../store/project.js';
import type { EvalMovie } from './eval-movie.js';
import { figTwo } from './fig-two.js';
import { runGrid, type GridOptions } from './grid.js';
import { quantize } from './labels.js';
import { missingKinds, movieInputs, readFrames, sharedAvModalities, type SemanticsSource } from './load-frames.js';
import { semanticModalities, type AvModality, type Modality, type SsModality } from './modalities.js';
import type { ValenceReport } from './report/report-data.js';
import { eventMasks } from './semantics.js';
import { significance } from './significance.js';
import { tableOne } from './table-one.js';

/**
 * Brings a movie's descriptor sets up to date with the project's models, computing at least the listed
 * missing kinds (provided by the jobs layer; called for every movie, `kinds` may be empty: sets made by
 * a detector that has since been retrained are stale too, which only the caller can tell).
 */
export type EnsureDescriptors = (project: Project, movieId: number, kinds: string[], ctx: TaskContext) => Promise<void>;

export interface EvaluateOptions extends Omit<GridOptions, 'av'> {
  /** Audio-visual modalities; by default those every labelled movie has. */
  av?: AvModality[];
  semantics: SemanticsSource;
  /** Only these movies (default: every movie with a valence annotation). */
  movieIds?: number[];
  ensureDescriptors?: EnsureDescriptors;
}

/** Movies with a valence annotation, in project order. */
export function labelledMovieIds(project: Project): number[] {
  return project.movies.list().filter((m) => project.valence.list(m.id).some((s) => s.kind === 'annotation')).map((m) => m.id);
}

export async function prepareInputs(project: Project, ids: number[], modalities: Modality[], semantics: SemanticsSource, ctx: TaskContext, ensure?: EnsureDescriptors): Promise<void> {
  const problems: string[] = [];
  for (const id of ids) {
    const missing = missingKinds(project, id, modalities, semantics);
    if (ensure) await ensure(project, id, missing, ctx);
    else if (missing.length > 0) problems.push(`movie ${id} (${project.movies.get(id).title}) lacks ${missing.join(', ')}`);
  }
  if (problems.length > 0) throw badRequest(`descriptors missing, compute them first: ${problems.join('; ')}`);
}

/**
 * The audio-visual modalities a run uses: the caller's, else those every movie has, judged after the
 * missing descriptors were computed (an analysis computes every stage a film allows), so a project
 * analysed for the first time by this run gets its picture modalities too. Prepares all inputs.
 */
export async function prepareAvInputs(
  project: Project, ids: number[], av: AvModality[] | undefined, semantic: SsModality[], semantics: SemanticsSource, ctx: TaskContext, ensure?: EnsureDescriptors,
): Promise<AvModality[]> {
  const analysed = !av && ensure;
  if (analysed) await prepareInputs(project, ids, ['audio', ...semantic], semantics, ctx, ensure);
  const shared = sharedAvModalities(project, ids) as AvModality[];
  const chosen: AvModality[] = av ?? (shared.length > 0 ? shared : ['audio']);
  // After the analysis, what is still missing cannot be computed: say so rather than ask again.
  await prepareInputs(project, ids, [...chosen, ...semantic], semantics, ctx, analysed ? undefined : ensure);
  return chosen;
}

export function loadEvalMovie(project: Project, id: number, modalities: Modality[], semantics: SemanticsSource, stride: number): EvalMovie {
  const inputs = movieInputs(project, id, modalities, semantics, true);
  const valence = inputs.valence!;
  return {
    id,
    title: inputs.movie.title,
    frames: inputs.frames,
    valence,
    classes: quantize(valence),
    events: inputs.events,
    masks: eventMasks(inputs.events, inputs.frames),
    sampled: readFrames(project, inputs, modalities, { stride, shared: true }),
    read: (from, to, s) => readFrames(project, inputs, modalities, { from, to, stride: s }),
    source: { projectPath: project.path, modalities, semantics },
  };
}

export async function evaluateProject(project: Project, options: EvaluateOptions, ctx: TaskContext): Promise<ValenceReport> {
  const ids = options.movieIds ?? labelledMovieIds(project);
  if (ids.length < 2) throw badRequest(`leave-one-movie-out needs at least 2 movies with a valence annotation; this project has ${ids.length}`);
  const ss = [...new Set(options.events.flatMap(semanticModalities))];
  ctx.progress(0, 'checking descriptors');
  const av = await prepareAvInputs(project, ids, options.av, ss, options.semantics, ctx, options.ensureDescriptors);
  const modalities: Modality[] = [...av, ...ss];
  ctx.progress(0, 'loading descriptors');
  const movies = ids.map((id) => loadEvalMovie(project, id, modalities, options.semantics, options.stride));
  const cells = await runGrid(movies, { ...options, av }, ctx);
  const table = tableOne(movies);
  return {
    createdAt: new Date().toISOString(),
    settings: {
      models: options.models,
      events: options.events,
      av,
      semantics: options.semantics,
      stride: options.stride,
      testStride: options.testStride,
      training: { ...options.training },
      model: { ...(options.model ?? {}) },
    },
    movies: movies.map((m) => ({ id: m.id, title: m.title, frames: m.frames })),
    cells,
    tableOne: table,
    figTwo: figTwo(cells, table),
    significance: significance(cells),
  };
}
