/**
 * A detector network on ONNX Runtime: exported from the weights of the loaded model (so a retrained
 * or project-stored detector runs as the shipped ones do), opened once per loaded model, one thread.
 */
import { openOnnx } from '../../ml/onnx/session.js';
import type { BatchCompute } from '../inference.js';
import { inputShape } from '../inference.js';
import { isHead, type DetectorConfig, type DetectorNet } from '../model/model-io.js';
import { exportCbrnn } from './export-cbrnn.js';
import { exportHead } from './export-head.js';
import type { NetWeights } from './recurrent-tail.js';

/**
 * Per architecture, whether ONNX Runtime ran it faster than TF.js wasm on the batches Analyze runs
 * (test/bench/sed.bench.ts; figures in docs/sed.md, "The detector networks on ONNX Runtime").
 */
export const ONNX_FASTER: Record<DetectorConfig['architecture'], boolean> = {
  'tagger-head': true,
  'attentive-cbrnn': true,
};

function netWeights(model: DetectorNet): NetWeights {
  const byName = new Map(model.namedWeights());
  const find = (name: string) => byName.get(name) ?? fail(`the ${model.config.architecture} has no weight '${name}'`);
  return { get: (name) => find(name).dataSync() as Float32Array, shape: (name) => find(name).shape };
}

/** The network as ONNX bytes: input `x` [batch, frames, width]; outputs activity, logits, attention, embedding. */
export function exportDetector(model: DetectorNet): Uint8Array {
  const weights = netWeights(model);
  return isHead(model) ? exportHead(model, weights) : exportCbrnn(model, weights);
}

export interface OnnxDetector {
  compute: BatchCompute;
  release(): Promise<void>;
}

/** What inference reads; the logits and attention outputs are for tests and training's loss. */
const INFERENCE_OUTPUTS = ['activity', 'embedding'] as const;

export async function openDetectorOnnx(model: DetectorNet): Promise<OnnxDetector> {
  const runner = await openOnnx(exportDetector(model), { threads: 1 });
  const { width } = inputShape(model);
  return {
    async compute(x, n, frames) {
      const out = await runner.run({ x: { data: x, dims: [n, frames, width] } }, INFERENCE_OUTPUTS);
      return { activity: out.activity, embedding: out.embedding };
    },
    release: () => runner.release(),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
