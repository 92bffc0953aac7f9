/**
 * Reads what the valence models need from a project: the annotation (labels), the descriptor sets
 * of each modality, and the events, cut to the frames all of them cover; then their rows as frame
 * tables. Every valence read of the store goes through here.
 */
import { VALENCE_RATE_HZ, type Movie } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import type { StoredEvent } from '../../events/event-types.js';
import { AUDIO_DESCRIPTOR_KIND } from '../audio-descriptors.js';
import type { Project } from '../../store/project.js';
import type { DescriptorSetInfo } from '../../store/repos/descriptors.js';
import type { FrameTable } from '../../valence/data/frame-table.js';
import { meanTrace } from '../../contract/traces.js';
import { quantize } from '../../valence/data/labels.js';
import { raterTraces } from '../../valence/stats/rater-traces.js';
import { isSemantic, type Modality, type SemanticsSource } from '../../valence/data/modalities.js';
import { eventActivity, referenceEvents } from '../../valence/data/semantics.js';

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

/** Which raters' traces make a film's label: the mean of these raters, or of all of them (null). */
export interface LabelChoice {
  raters: string[] | null;
}

/** The default label: the mean of every rater of the film. */
export const ALL_RATERS: LabelChoice = { raters: null };

/** The label choice in words, as models and reports record it. */
export const describeLabels = (labels: LabelChoice) =>
  labels.raters === null ? 'mean of all raters' : labels.raters.length === 1 ? `rater ${labels.raters[0]}` : `mean of raters ${labels.raters.join(', ')}`;

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
      // Sound semantics from annotated events (semantics = 'events').
      const full = eventActivity(inputs.events, m as 'verbal' | 'nonverbal', to);
      const dims = full.length / to;
      const data = floats(rows * dims);
      for (let r = 0; r < rows; r++) data.set(full.subarray((from + r * stride) * dims, (from + r * stride + 1) * dims), r * dims);
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
