/**
 * Single (2-D) products for the wasm backend on ONNX Runtime's CPU kernels (MLAS), for training.
 * TF.js wasm runs them on XNNPACK's 128-bit SIMD without fused multiply-add, ~8 GMAC/s here, and
 * they were 52 of a Fea-TF SCMA training step's 85 ms; MLAS uses the machine's own vector width
 * and FMA and takes a transposed operand as it is: the same step takes ~51 ms. The kernels must
 * answer synchronously, and onnxruntime-node's public `run` is a promise (it defers the native
 * call to setImmediate), so its native session is called directly. Operands are read, and the
 * result written, in place on the backend's heap: nothing is copied.
 *
 * The sums are MLAS's, not XNNPACK's: results differ in the last bits, and may differ between
 * machines whose CPUs take different MLAS kernels (on one machine they repeat exactly).
 */
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { OnnxGraph } from './onnx/graph.js';
import { heapOf, offsetOf, type HeapBackend } from './wasm-heap-module.js';

/** The synchronous native session behind onnxruntime-node's InferenceSession (dist/binding). */
interface NativeSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
  run(feeds: Record<string, ort.Tensor>, fetches: Record<string, ort.Tensor | null>, options: object): Record<string, ort.Tensor>;
}
interface NativeBinding {
  binding: { InferenceSession: new () => NativeSession };
  initOrt(): void;
}

/** One session per transpose pair, indexed 2·transposeA + transposeB; shapes are left free. */
type Sessions = [NativeSession, NativeSession, NativeSession, NativeSession];

let sessions: Sessions | null | undefined;

/** Y = op(A)·op(B) as one Gemm node with free dimensions. */
export function gemmModel(transposeA: boolean, transposeB: boolean): Uint8Array {
  const g = new OnnxGraph();
  const a = g.input('a', ['ar', 'ac']);
  const b = g.input('b', ['br', 'bc']);
  g.output(g.node('Gemm', [a, b], { transA: { i: transposeA ? 1 : 0 }, transB: { i: transposeB ? 1 : 0 } }), 'y', ['m', 'n']);
  return g.encode('product');
}

function open(): Sessions | null {
  // onnxruntime-node has crashed inside Electron's worker threads (microsoft/onnxruntime#20084):
  // there, replicas and fold workers keep XNNPACK.
  if (process.versions.electron && !isMainThread) return null;
  try {
    const native = createRequire(import.meta.url)('onnxruntime-node/dist/binding') as NativeBinding;
    native.initOrt();
    const options = { executionProviders: [{ name: 'cpu' }], intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
    return ([0, 1, 2, 3] as const).map((k) => {
      const session = new native.binding.InferenceSession();
      const model = gemmModel(k >= 2, k % 2 === 1);
      session.loadModel(model.buffer, model.byteOffset, model.byteLength, options);
      return session;
    }) as Sessions;
  } catch (err) {
    console.warn(`training products run on XNNPACK: ONNX Runtime did not load (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

let enabled = true;

/** Off: every product stays on XNNPACK (the bits of earlier versions, the same on every machine). */
export function setNativeProducts(on: boolean): void {
  enabled = on;
}

/** Whether products run on ONNX Runtime in this thread (loads it on first ask). */
export function nativeProductsActive(): boolean {
  if (!enabled) return false;
  if (sessions === undefined) sessions = open();
  return sessions !== null;
}

/**
 * op(a)·op(b) for two float32 matrices, or null where XNNPACK must answer: products switched off or
 * unavailable, other dtypes or ranks, mismatched inner sizes (the stock kernel throws tfjs's error),
 * empty products, or a backend whose memory is not reachable.
 */
export function nativeProduct(backend: HeapBackend, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo | null {
  if (a.shape.length !== 2 || b.shape.length !== 2 || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const memory = heapOf(backend);
  if (!memory || !nativeProductsActive()) return null;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
  const [kb, n] = transposeB ? [b.shape[1], b.shape[0]] : b.shape;
  if (k !== kb || m * n * k === 0) return null;
  const out = backend.makeOutput([m, n], 'float32');
  // Views are made after makeOutput: it may grow the heap, which detaches older views.
  const view = (t: TensorInfo, dims: number[]) => new ort.Tensor('float32', new Float32Array(memory.buffer, offsetOf(backend, t), dims[0] * dims[1]), dims);
  sessions![(transposeA ? 2 : 0) + (transposeB ? 1 : 0)].run({ a: view(a, a.shape), b: view(b, b.shape) }, { y: view(out, [m, n]) }, {});
  return out;
}
