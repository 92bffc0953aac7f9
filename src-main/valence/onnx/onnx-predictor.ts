/**
 * Valence inference on ONNX Runtime: the model exported once when the predictor opens, then every
 * batch run by one ORT session. Analyze, Predict and compare use it for every architecture (each
 * measured 1.7–2.9× TF.js wasm's frames per CPU-second: docs/valence.md, "Inference on ONNX Runtime").
 */
import { openOnnx } from '../../ml/onnx/session.js';
import type { ValenceModel } from '../model/model.js';
import type { Predictor } from '../training/predict.js';
import { exportValenceModel, groupInput, PROBS_OUTPUT } from './export-model.js';

export interface OnnxPredictorOptions {
  /** ORT threads per call; 1 leaves the other core to the rest of the analysis. */
  threads?: number;
}

/** The caller releases the predictor and, as before, disposes the model's parameters. */
export async function openOnnxPredictor(model: ValenceModel, { threads = 1 }: OnnxPredictorOptions = {}): Promise<Predictor> {
  const runner = await openOnnx(exportValenceModel(model), { threads });
  return {
    async probs({ data, rows }) {
      const feeds = Object.fromEntries(
        model.groups.map((g, i) => [groupInput(i), { data: data[i], dims: g.window > 1 ? [rows, g.window, g.width] : [rows, g.width] }]),
      );
      return (await runner.run(feeds))[PROBS_OUTPUT];
    },
    release: () => runner.release(),
  };
}

