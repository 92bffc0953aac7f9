/**
 * Runs a stored valence model over a movie and stores the result as a prediction series: the
 * expected valence per 25 Hz frame (Σ p(class)·class centre) with the 7-class probabilities and
 * the model's version, for the timeline to draw against the annotation; and each input modality's
 * share of the prediction per frame (occlusion, valence/explain), for the "why it moved" lane.
 * The model runs on ONNX Runtime (faster than TF.js for every architecture); `open` swaps the engine.
 */
import { VALENCE_CLASS_COUNT, VALENCE_RATE_HZ, type ValenceSeriesInfo } from '../../contract/domain.js';
import type { Project } from '../../store/project.js';
import type { TaskContext } from '../../util/task-context.js';
import { expectedValence } from '../../valence/data/labels.js';
import type { SemanticsSource } from '../../valence/data/modalities.js';
import { ARCHITECTURE_TITLES } from '../../valence/model/model-config.js';
import { explainPlan } from '../../valence/explain/explain-rows.js';
import { openOnnxPredictor } from '../../valence/onnx/onnx-predictor.js';
import type { ValenceModel } from '../../valence/model/model.js';
import { onPredictor, predictionChunks, type Predictor } from '../../valence/training/predict.js';
import { readFrames } from './valence-inputs.js';
import { loadValenceModel } from './model-store.js';
import { prepareMovie, type EnsureDescriptors } from './valence-inputs.js';

export async function predictMovie(
  project: Project,
  movieId: number,
  model: number | string,
  ctx: TaskContext,
  ensureDescriptors?: EnsureDescriptors,
  open: (model: ValenceModel) => Promise<Predictor> = openOnnxPredictor,
): Promise<ValenceSeriesInfo> {
  const loaded = loadValenceModel(project.models, model);
  let predictor: Predictor | null = null;
  try {
    const { inputs } = loaded.model.config;
    const semantics = (loaded.saved.data.semantics as SemanticsSource | undefined) ?? 'sed';
    const movie = await prepareMovie(project, movieId, inputs, semantics, ctx, ensureDescriptors);
    const modalities = inputs.map((i) => i.modality);
    // Chunk by chunk: the rows of a whole film at full dimensionality need not fit in memory.
    const probs = new Float32Array(movie.frames * VALENCE_CLASS_COUNT);
    const shares = new Float32Array(movie.frames * modalities.length);
    // One predictor for the whole film: the model is exported to ONNX once.
    predictor = await open(loaded.model);
    for (const chunk of predictionChunks(loaded.model, movie.frames)) {
      const table = readFrames(project, movie, modalities, chunk);
      const explained = await onPredictor(predictor, explainPlan(loaded.model, table, loaded.normalizer, chunk.own, table.rows));
      ctx.throwIfCancelled();
      probs.set(explained.probs, chunk.firstFrame * VALENCE_CLASS_COUNT);
      shares.set(explained.shares, chunk.firstFrame * modalities.length);
      ctx.progress(Math.min(1, (chunk.firstFrame + explained.probs.length / VALENCE_CLASS_COUNT) / movie.frames), 'predicting');
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return project.valence.insert({
      movieId,
      kind: 'prediction',
      name: `${ARCHITECTURE_TITLES[loaded.model.config.architecture]} (${loaded.info.version})`,
      rate: VALENCE_RATE_HZ,
      values: expectedValence(probs),
      probs,
      shares: { modalities, values: shares },
      modelId: loaded.info.id,
      modelVersion: loaded.info.version,
    });
  } finally {
    // The parameters first: a failed release must not leak them.
    loaded.model.params.dispose();
    await predictor?.release();
  }
}
