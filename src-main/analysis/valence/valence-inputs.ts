/**
 * Everything valence training, evaluation and prediction read from a project, in one place: which
 * movies are labelled, the caller's hook asked to bring each movie's descriptors up to date (or a
 * failure naming what is missing), the label trace of the chosen raters, the descriptor sets of each
 * modality and the events, cut to the frames all of them cover; then their rows as frame tables for
 * the pure valence stages. Every valence read of the store goes through here.
 */
import { VALENCE_RATE_HZ, type Movie } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { meanTrace, type LabelChoice } from '../../contract/traces.js';
import type { StoredEvent } from '../../events/event-types.js';
import type { Project } from '../../store/project.js';
import type { DescriptorSetInfo } from '../../store/repos/descriptors.js';
import type { TaskContext } from '../../util/task-context.js';
import type { EvalMovie } from '../../valence/data/eval-movie.js';
import type { FrameTable } from '../../valence/data/frame-table.js';
import { quantize } from '../../valence/data/labels.js';
import { isSemantic, type AvModality, type Modality, type ModalityInput, type SemanticsSource, type SsModality } from '../../valence/data/modalities.js';
import { CLASSES_OF, eventActivity, eventMasks, referenceEvents } from '../../valence/data/semantics.js';
import { raterTraces } from '../../valence/stats/rater-traces.js';
import { AUDIO_DESCRIPTOR_KIND } from '../audio-descriptors.js';

/** Descriptor kinds by convention; the first complete set matching a modality is used. */
const KIND_PREFERENCE: Record<Modality, { exact?: string; prefix: string }> = {
  audio: { exact: AUDIO_DESCRIPTOR_KIND, prefix: 'audio.' },
  visual: { prefix: 'visual.' },
  motion: { prefix: 'motion.' },
  verbal: { exact: 'sed.verbal', prefix: 'sed.verbal' },
  nonverbal: { exact: 'sed.nonverbal', prefix: 'sed.nonverbal' },
};

/** The kind a person would be told to compute, for error messages. */
export const kindLabel = (m: Modality): string => KIND_PREFERENCE[m].exact ?? `${KIND_PREFERENCE[m].prefix}*`;

const fromDescriptors = (m: Modality, semantics: SemanticsSource) => !isSemantic(m) || semantics === 'sed';

function findSet(sets: DescriptorSetInfo[], m: Modality): DescriptorSetInfo | undefined {
  const pref = KIND_PREFERENCE[m];
  const complete = sets.filter((s) => s.complete);
  return complete.find((s) => s.kind === pref.exact) ?? complete.find((s) => s.kind.startsWith(pref.prefix));
}

/** Descriptor kinds a movie still lacks for these modalities (empty when it has them all). */
export function missingKinds(project: Project, movieId: number, modalities: Modality[], semantics: SemanticsSource): string[] {
  const sets = project.descriptors.list(movieId);
  return modalities.filter((m) => fromDescriptors(m, semantics) && !findSet(sets, m)).map(kindLabel);
}

/** AV modalities every listed movie has a complete descriptor set for. */
export function sharedAvModalities(project: Project, movieIds: number[]): Modality[] {
  return (['audio', 'visual', 'motion'] as const).filter((m) => movieIds.every((id) => findSet(project.descriptors.list(id), m)));
}

export interface MovieInputs {
  movie: Movie;
  /** 25 Hz frames covered by the labels (when required) and by every set. */
  frames: number;
  /** The label trace (see `labelTrace`), cut to `frames`; null when labels were not asked for. */
  valence: Float32Array | null;
  sets: Map<Modality, DescriptorSetInfo>;
  events: StoredEvent[];
}

/** The film's label under `choice`: the chosen raters' newest traces, averaged frame by frame; null when none rated it. */
export function labelTrace(project: Project, movieId: number, choice: LabelChoice): Float32Array | null {
  const chosen = raterTraces(project.valence.list(movieId)).filter((t) => !choice.raters || choice.raters.includes(t.rater));
  return chosen.length === 0 ? null : meanTrace(chosen.map((t) => project.valence.values(t.seriesId)));
}

/** `labels` null: the label is not needed (prediction). */
export function movieInputs(project: Project, movieId: number, modalities: Modality[], semantics: SemanticsSource, labels: LabelChoice | null): MovieInputs {
  const movie = project.movies.get(movieId);
  const missing = missingKinds(project, movieId, modalities, semantics);
  if (missing.length > 0) throw badRequest(`movie ${movie.id} (${movie.title}) has no complete ${missing.join(', ')} descriptors; compute them first`);
  const all = project.descriptors.list(movieId);
  const sets = new Map<Modality, DescriptorSetInfo>();
  for (const m of modalities.filter((x) => fromDescriptors(x, semantics))) {
    const s = findSet(all, m)!;
    if (s.rate !== VALENCE_RATE_HZ) throw badRequest(`${s.kind} of movie ${movie.id} is at ${s.rate} Hz; valence models read ${VALENCE_RATE_HZ} Hz rows`);
    sets.set(m, s);
  }
  const valenceAll = labels ? labelTrace(project, movieId, labels) : null;
  if (labels && !valenceAll) throw badRequest(`movie ${movie.id} (${movie.title}) has no valence rating${labels.raters ? ` by ${labels.raters.join(' or ')}` : ''}; rate it or import one`);
  const lengths = [...sets.values()].map((s) => s.frames);
  if (valenceAll) lengths.push(valenceAll.length);
  if (lengths.length === 0) lengths.push(Math.floor(movie.duration * VALENCE_RATE_HZ));
  const frames = Math.min(...lengths);
  return {
    movie,
    frames,
    valence: valenceAll ? valenceAll.slice(0, Math.min(frames, valenceAll.length)) : null,
    sets,
    events: referenceEvents(project.events.list(movieId)),
  };
}

const READ_CHUNK = 4096;

/** Rows from, from + stride, … below `to`, of every modality, as a frame table (in shared memory if asked). */
export function readFrames(
  project: Project,
  inputs: MovieInputs,
  modalities: Modality[],
  { stride = 1, from = 0, to = inputs.frames, shared = false }: { stride?: number; from?: number; to?: number; shared?: boolean } = {},
): FrameTable {
  const rows = Math.max(0, Math.ceil((to - from) / stride));
  // Shared memory lets worker threads read the same rows without a copy each.
  const floats = (n: number) => new Float32Array(shared ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4));
  const features = new Map<Modality, { dims: number; data: Float32Array }>();
  for (const m of modalities) {
    const set = inputs.sets.get(m);
    if (set) {
      const data = floats(rows * set.dims);
      for (let a = from; a < to; a += READ_CHUNK * stride) {
        const b = Math.min(to, a + READ_CHUNK * stride);
        const chunk = project.descriptors.read(set.id, a, b);
        for (let f = a; f < b; f += stride) data.set(chunk.subarray((f - a) * set.dims, (f - a + 1) * set.dims), ((f - from) / stride) * set.dims);
      }
      features.set(m, { dims: set.dims, data });
    } else {
      // Sound semantics from annotated events (semantics = 'events'), for the rows read only: a film read
      // in slices would otherwise rebuild its activity from frame 0 for every slice.
      const span = eventActivity(inputs.events, m as 'verbal' | 'nonverbal', Math.max(0, to - from), VALENCE_RATE_HZ, from);
      const dims = CLASSES_OF[m as 'verbal' | 'nonverbal'].length;
      const data = floats(rows * dims);
      for (let r = 0; r < rows; r++) data.set(span.subarray(r * stride * dims, (r * stride + 1) * dims), r * dims);
      features.set(m, { dims, data });
    }
  }
  const labels = new Uint8Array(rows);
  if (inputs.valence) {
    const classes = quantize(inputs.valence);
    for (let r = 0; r < rows; r++) labels[r] = classes[from + r * stride] ?? 0;
  }
  return { rows, stride, firstFrame: from, labels, features };
}


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
