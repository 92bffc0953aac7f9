/**
 * Runs an ONNX model on the CPU with ONNX Runtime: float32 tensors in, float32 arrays out. Release is
 * idempotent: a backbone's dispose() and an error path may both call it.
 */
import * as ort from 'onnxruntime-node';

export interface OnnxFeed {
  data: Float32Array;
  dims: number[];
}

export interface OnnxRunner {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** What the model declares of its inputs (a user's model is checked against it). */
  readonly inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  /** The named outputs (default: all), each a float32 array. */
  run(feeds: Record<string, OnnxFeed>, outputs?: readonly string[]): Promise<Record<string, Float32Array>>;
  release(): Promise<void>;
}

export interface OnnxRunnerOptions {
  /** Threads for one call; 1 leaves the other core to decoding and the other stages. */
  threads?: number;
}

export async function openOnnx(model: Uint8Array, { threads = 1 }: OnnxRunnerOptions = {}): Promise<OnnxRunner> {
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  let released: Promise<void> | null = null;
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    inputMetadata: session.inputMetadata,
    async run(feeds, outputs) {
      const tensors = Object.fromEntries(Object.entries(feeds).map(([name, f]) => [name, new ort.Tensor('float32', f.data, f.dims)]));
      // Asking for fewer outputs lets ORT skip the nodes only the others need.
      const result = outputs ? await session.run(tensors, [...outputs]) : await session.run(tensors);
      const out: Record<string, Float32Array> = {};
      for (const [name, t] of Object.entries(result)) {
        try {
          if (t.type !== 'float32') throw new Error(`ONNX output ${name} is ${t.type}, not float32`);
          // Its own ArrayBuffer, filled by the binding: it stays valid after dispose() and later runs.
          out[name] = t.data as Float32Array;
        } finally {
          t.dispose();
        }
      }
      return out;
    },
    release: () => (released ??= session.release()),
  };
}
