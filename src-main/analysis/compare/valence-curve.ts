/**
 * A valence model's curve over a film for the comparison lane, computed on the fly and not stored:
 * the expected valence per 25 Hz frame, read and predicted chunk by chunk as predictMovie does, from
 * the descriptors the film has (a film without them is refused: analyse it first).
 */
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import type { Project } from '../../store/project.js';
import type { TaskContext } from '../../util/task-context.js';
import { expectedValence } from '../../valence/data/labels.js';
import type { SemanticsSource } from '../../valence/data/modalities.js';
import { openOnnxPredictor } from '../../valence/onnx/onnx-predictor.js';
import { onPredictor, predictionChunks, rowsPlan, type Predictor } from '../../valence/training/predict.js';
import { prepareMovie, readFrames } from '../valence/valence-inputs.js';
import { buildValence, type ValenceSnapshot } from '../valence/valence-guard.js';

export async function valenceCurve(project: Project, snapshot: ValenceSnapshot, movieId: number, ctx: TaskContext): Promise<Float32Array> {
  const { model, normalizer } = buildValence(snapshot);
  let predictor: Predictor | null = null;
  try {
    const { inputs } = model.config;
    const semantics = (snapshot.saved.data.semantics as SemanticsSource | undefined) ?? 'sed';
    const movie = await prepareMovie(project, movieId, inputs, semantics, ctx);
    const modalities = inputs.map((i) => i.modality);
    const probs = new Float32Array(movie.frames * VALENCE_CLASS_COUNT);
    predictor = await openOnnxPredictor(model);
    for (const chunk of predictionChunks(model, movie.frames)) {
      const table = readFrames(project, movie, modalities, chunk);
      probs.set(await onPredictor(predictor, rowsPlan(model, table, normalizer, chunk.own, table.rows)), chunk.firstFrame * VALENCE_CLASS_COUNT);
      ctx.throwIfCancelled();
      // Other calls are served between chunks: a long film does not stall the API.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return expectedValence(probs);
  } finally {
    // The parameters first: a failed release must not leak them.
    model.params.dispose();
    await predictor?.release();
  }
}
