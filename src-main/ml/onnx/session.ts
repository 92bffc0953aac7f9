/**
 * Runs an ONNX model on the CPU with ONNX Runtime: float32 tensors in, float32 arrays out, every
 * native tensor released before returning so a long film does not grow the native heap.
 */
import * as ort from 'onnxruntime-node';

export interface OnnxFeed {
  data: Float32Array;
  dims: number[];
}

export interface OnnxRunner {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OnnxFeed>): Promise<Record<string, Float32Array>>;
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
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const tensors = Object.fromEntries(Object.entries(feeds).map(([name, f]) => [name, new ort.Tensor('float32', f.data, f.dims)]));
      const result = await session.run(tensors);
      const out: Record<string, Float32Array> = {};
      for (const [name, t] of Object.entries(result)) {
        try {
          if (t.type !== 'float32') throw new Error(`ONNX output ${name} is ${t.type}, not float32`);
          out[name] = (t.data as Float32Array).slice();
        } finally {
          t.dispose();
        }
      }
      return out;
    },
    release: () => session.release(),
  };
}
