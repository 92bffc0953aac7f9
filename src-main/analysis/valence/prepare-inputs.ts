/**
 * The input preparation training, evaluation and prediction share: which movies, which modalities,
 * the caller's hook asked to bring each movie's descriptors up to date (or a failure naming what is
 * missing), then the movies read once into memory for the pure valence stages.
 */
import { badRequest } from '../../contract/errors.js';
import type { Project } from '../../store/project.js';
import type { TaskContext } from '../../util/task-context.js';
import type { EvalMovie } from '../../valence/data/eval-movie.js';
import { quantize } from '../../valence/data/labels.js';
import type { AvModality, Modality, ModalityInput, SemanticsSource, SsModality } from '../../valence/data/modalities.js';
import { eventMasks } from '../../valence/data/semantics.js';
import { raterTraces } from '../../valence/stats/rater-traces.js';
import { missingKinds, movieInputs, readFrames, sharedAvModalities, type LabelChoice, type MovieInputs } from './load-frames.js';

/**
 * Brings a movie's descriptor sets up to date with the project's models, computing at least the listed
 * missing kinds (provided by the jobs layer; called for every movie, `kinds` may be empty: sets made by
 * a detector that has since been retrained are stale too, which only the caller can tell).
 */
export type EnsureDescriptors = (project: Project, movieId: number, kinds: string[], ctx: TaskContext) => Promise<void>;

/** Movies rated by the chosen raters (any rater when none are chosen), in project order. */
export function labelledMovieIds(project: Project, labels: LabelChoice): number[] {
  const rated = (movieId: number) => raterTraces(project.valence.list(movieId)).some((t) => !labels.raters || labels.raters.includes(t.rater));
  return project.movies.list().filter((m) => rated(m.id)).map((m) => m.id);
}

/**
 * What a run reads: the movies (labelled ones, in order), the audio-visual modalities (by default
 * those every movie has once analysed), the sound-semantic ones and where they come from, and the
 * training stride; `ensure` computes missing descriptors (without it they are reported missing).
 */
export interface InputRequest {
  ids: number[];
  av?: AvModality[];
  semantic: SsModality[];
  semantics: SemanticsSource;
  labels: LabelChoice;
  stride: number;
  ensure?: EnsureDescriptors;
}

export interface LabelledMovies {
  av: AvModality[];
  /** The audio-visual modalities, then the semantic ones: the order a model reads them. */
  modalities: Modality[];
  movies: EvalMovie[];
}

/** Prepares every input, then reads each movie once; `onPhase` hears when checking and loading start. */
export async function loadLabelledMovies(project: Project, request: InputRequest, ctx: TaskContext, onPhase?: (message: string) => void): Promise<LabelledMovies> {
  const { ids, semantic, semantics } = request;
  onPhase?.('checking descriptors');
  const av = await prepareAvInputs(project, ids, request.av, semantic, semantics, ctx, request.ensure);
  const modalities: Modality[] = [...av, ...semantic];
  onPhase?.('loading descriptors');
  return { av, modalities, movies: ids.map((id) => loadEvalMovie(project, id, modalities, semantics, request.labels, request.stride)) };
}

async function prepareInputs(project: Project, ids: number[], modalities: Modality[], semantics: SemanticsSource, ctx: TaskContext, ensure?: EnsureDescriptors): Promise<void> {
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
async function prepareAvInputs(
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

/** A labelled movie with a training sample at `stride` in shared memory (for fold workers) and full-rate reads. */
function loadEvalMovie(project: Project, id: number, modalities: Modality[], semantics: SemanticsSource, labels: LabelChoice, stride: number): EvalMovie {
  const inputs = movieInputs(project, id, modalities, semantics, labels);
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
  };
}

/** A movie's inputs for a model with these inputs (labelled or not), computed first where missing. */
export async function prepareMovie(
  project: Project, movieId: number, inputs: ModalityInput[], semantics: SemanticsSource, ctx: TaskContext, ensure?: EnsureDescriptors,
): Promise<MovieInputs> {
  const modalities = inputs.map((i) => i.modality);
  await prepareInputs(project, [movieId], modalities, semantics, ctx, ensure);
  const movie = movieInputs(project, movieId, modalities, semantics, null);
  for (const i of inputs) {
    const set = movie.sets.get(i.modality);
    if (set && set.dims !== i.dims) throw new Error(`${set.kind} of movie ${movieId} has ${set.dims} features; the model was trained on ${i.dims}`);
  }
  return movie;
}
