/**
 * The regression guard of a valence retrain: the model that predicts now is scored on the new model's
 * validation film with the same labels and the same scoring (every frame, 7-class accuracy) as the new
 * one, so the two Acc figures compare like with like. It reads only the descriptors the film has: the
 * guard never starts an analysis of its own.
 */
import { badRequest } from '../../contract/errors.js';
import type { Project } from '../../store/project.js';
import type { TaskContext } from '../../util/task-context.js';
import { isSemantic, type AvModality, type SemanticsSource, type SsModality } from '../../valence/data/modalities.js';
import { deserializeModel, type SavedValenceConfig } from '../../valence/model/serialize.js';
import { accuracy, type Confusion } from '../../valence/stats/metrics.js';
import { evaluateOnMovie } from '../../valence/training/evaluate-fold.js';
import { activeValenceModel, shippedValenceFile, shippedValenceWeights } from '../default-valence-model.js';
import type { LabelChoice } from '../../contract/traces.js';
import { loadLabelledMovies } from './valence-inputs.js';

/** A valence model as config and weights, wherever it lives (the project, or the bundled folder). */
export interface ValenceSnapshot {
  version: string;
  saved: SavedValenceConfig;
  weights: Uint8Array;
}

/** The active valence model, read without copying the bundled default into the project; null when there is none. */
export function activeValenceSnapshot(project: Project, dir?: string): ValenceSnapshot | null {
  const active = activeValenceModel(project, dir);
  if (!active) return null;
  if (active.model) return { version: active.version, saved: active.model.config as SavedValenceConfig, weights: project.models.weights(active.model.id)! };
  return { version: active.version, saved: shippedValenceFile(dir)!.config as SavedValenceConfig, weights: shippedValenceWeights(dir) };
}

/** Training samples are not used here; a coarse stride keeps the one that is read anyway small. */
const UNUSED_SAMPLE_STRIDE = 25;

/** The model as its layers and normalizer; the caller disposes `model.params`. */
export function buildValence({ saved, weights }: ValenceSnapshot) {
  return deserializeModel(saved, new Float32Array(weights.slice().buffer));
}

/**
 * The frame-wise confusion of `snapshot` on a labelled film (every frame, argmax against the label's
 * class), from the descriptors the film has; refused (bad_request) when the film lacks an input the
 * model reads. Acc and Acc±1 come from the same frames, and films can be pooled.
 */
export async function confusionOnFilm(project: Project, snapshot: ValenceSnapshot, movieId: number, labels: LabelChoice, ctx: TaskContext): Promise<Confusion> {
  const { version, saved } = snapshot;
  const { model, normalizer } = buildValence(snapshot);
  try {
    const reads = model.config.inputs.map((i) => i.modality);
    const av = reads.filter((m) => !isSemantic(m)) as AvModality[];
    const semantic = reads.filter(isSemantic) as SsModality[];
    const semantics = (saved.data.semantics as SemanticsSource | undefined) ?? 'sed';
    const { modalities, movies } = await loadLabelledMovies(project, { ids: [movieId], av, semantic, semantics, labels, stride: UNUSED_SAMPLE_STRIDE }, ctx);
    if (modalities.join() !== reads.join()) throw badRequest(`${version} reads ${reads.join(', ')} in an order this film's inputs cannot be read in`);
    for (const input of model.config.inputs) {
      const dims = movies[0].sampled.features.get(input.modality)?.dims;
      if (dims !== input.dims) throw badRequest(`the film's ${input.modality} descriptors have ${dims} features; ${version} reads ${input.dims}`);
    }
    return (await evaluateOnMovie(model, normalizer, movies[0], 1)).confusion;
  } finally {
    model.params.dispose();
  }
}

/** Acc of `snapshot` on a labelled film, as the regression guard compares it. */
export async function accuracyOnFilm(project: Project, snapshot: ValenceSnapshot, movieId: number, labels: LabelChoice, ctx: TaskContext): Promise<number> {
  return accuracy(await confusionOnFilm(project, snapshot, movieId, labels, ctx));
}
