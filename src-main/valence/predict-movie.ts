/**
 * Runs a stored valence model over a movie and stores the result as a prediction series: the
 * expected valence per 25 Hz frame (Σ p(class)·class centre) with the 7-class probabilities and
 * the model's version, for the timeline to draw against the annotation.
 */
import { VALENCE_CLASS_COUNT, VALENCE_RATE_HZ, type ValenceSeriesInfo } from '../contract/domain.js';
import type { TaskContext } from '../util/task-context.js';
import type { Project } from '../store/project.js';
import type { EnsureDescriptors } from './evaluate-project.js';
import { prepareInputs } from './evaluate-project.js';
import { expectedValence } from './labels.js';
import { movieInputs, readFrames, type SemanticsSource } from './load-frames.js';
import { ARCHITECTURE_TITLES } from './model-config.js';
import { loadValenceModel } from './model-store.js';
import { predictInChunks } from './predict.js';

export async function predictMovie(
  project: Project,
  movieId: number,
  model: number | string,
  ctx: TaskContext,
  ensureDescriptors?: EnsureDescriptors,
): Promise<ValenceSeriesInfo> {
  const loaded = loadValenceModel(project.models, model);
  try {
    const modalities = loaded.model.config.inputs.map((i) => i.modality);
    const semantics = (loaded.saved.data.semantics as SemanticsSource | undefined) ?? 'sed';
    await prepareInputs(project, [movieId], modalities, semantics, ctx, ensureDescriptors);
    const inputs = movieInputs(project, movieId, modalities, semantics, false);
    for (const i of loaded.model.config.inputs) {
      const set = inputs.sets.get(i.modality);
      if (set && set.dims !== i.dims) throw new Error(`${set.kind} of movie ${movieId} has ${set.dims} features; the model was trained on ${i.dims}`);
    }
    const probs = new Float32Array(inputs.frames * VALENCE_CLASS_COUNT);
    const read = (from: number, to: number, stride: number) => readFrames(project, inputs, modalities, { from, to, stride });
    for (const chunk of predictInChunks(loaded.model, loaded.normalizer, inputs.frames, read)) {
      ctx.throwIfCancelled();
      probs.set(chunk.probs, chunk.firstFrame * VALENCE_CLASS_COUNT);
      ctx.progress(Math.min(1, (chunk.firstFrame + chunk.probs.length / VALENCE_CLASS_COUNT) / inputs.frames), 'predicting');
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return project.valence.insert({
      movieId,
      kind: 'prediction',
      name: `${ARCHITECTURE_TITLES[loaded.model.config.architecture]} (${loaded.info.version})`,
      rate: VALENCE_RATE_HZ,
      values: expectedValence(probs),
      probs,
      modelId: loaded.info.id,
      modelVersion: loaded.info.version,
    });
  } finally {
    loaded.model.params.dispose();
  }
}
