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
import type * as ort from 'onnxruntime-node';
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

/** One session per transpose pair, indexed 2·transposeA + transposeB (shapes left free), and ORT's Tensor. */
interface Native {
  sessions: [NativeSession, NativeSession, NativeSession, NativeSession];
  Tensor: typeof ort.Tensor;
}

// Loaded on first use, never at import: the backend must start without ONNX Runtime (a missing
// binary), and Electron's worker threads must not load it at all.
let native: Native | null | undefined;

/** Y = op(A)·op(B) as one Gemm node with free dimensions. */
export function gemmModel(transposeA: boolean, transposeB: boolean): Uint8Array {
  const g = new OnnxGraph();
  const a = g.input('a', ['ar', 'ac']);
  const b = g.input('b', ['br', 'bc']);
  g.output(g.node('Gemm', [a, b], { transA: { i: transposeA ? 1 : 0 }, transB: { i: transposeB ? 1 : 0 } }), 'y', ['m', 'n']);
  return g.encode('product');
}

function open(): Native | null {
  // onnxruntime-node has crashed inside Electron's worker threads when loaded there
  // (microsoft/onnxruntime#20084): there, replicas and fold workers keep XNNPACK.
  if (process.versions.electron && !isMainThread) return null;
  try {
    const require = createRequire(import.meta.url);
    const { Tensor } = require('onnxruntime-node') as typeof ort;
    const binding = require('onnxruntime-node/dist/binding') as NativeBinding;
    binding.initOrt();
    const options = { executionProviders: [{ name: 'cpu' }], intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
    const sessions = ([0, 1, 2, 3] as const).map((k) => {
      const session = new binding.binding.InferenceSession();
      const model = gemmModel(k >= 2, k % 2 === 1);
      session.loadModel(model.buffer, model.byteOffset, model.byteLength, options);
      return session;
    }) as Native['sessions'];
    return { sessions, Tensor };
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

/** The switch as set (for worker threads to follow), without loading anything. */
export const nativeProductsWanted = (): boolean => enabled;

/** Whether products run on ONNX Runtime in this thread (loads it on first ask). */
export function nativeProductsActive(): boolean {
  if (!enabled) return false;
  if (native === undefined) native = open();
  return native !== null;
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
  const { sessions, Tensor } = native!;
  // Views are made after makeOutput: it may grow the heap, which detaches older views.
  const view = (t: TensorInfo, dims: number[]) => new Tensor('float32', new Float32Array(memory.buffer, offsetOf(backend, t), dims[0] * dims[1]), dims);
  try {
    sessions[(transposeA ? 2 : 0) + (transposeB ? 1 : 0)].run({ a: view(a, a.shape), b: view(b, b.shape) }, { y: view(out, [m, n]) }, {});
  } catch (err) {
    // A training should not fail for its products' engine: the rest of the thread's products go to XNNPACK.
    backend.disposeData(out.dataId);
    native = null;
    console.warn(`training products move to XNNPACK: ONNX Runtime failed (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
  ran.onnxruntime = true;
  return out;
}

/** Which engines computed this thread's products since the last call (a training's record of how it rounded). */
export function productsRan(): ProductEngine[] {
  const engines = (['onnxruntime', 'xnnpack'] as const).filter((e) => ran[e]);
  ran.onnxruntime = ran.xnnpack = false;
  return engines;
}

export type ProductEngine = 'onnxruntime' | 'xnnpack';
const ran: Record<ProductEngine, boolean> = { onnxruntime: false, xnnpack: false };

/** Told by the wasm BatchMatMul kernel when a single product ran on XNNPACK instead. */
export function ranOnXnnpack(): void {
  ran.xnnpack = true;
}
