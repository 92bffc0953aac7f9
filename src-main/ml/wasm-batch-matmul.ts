/**
 * Batched products (more than one matrix pair) for the wasm backend. tfjs-backend-wasm 4.22 runs
 * them, transposed or not, on a plain scalar loop (XNNPACK only takes single untransposed pairs):
 * ~0.7 ms for one of an attention layer's [512, 8, 8]·[512, 8, 16] products, 24 of them in a
 * Fea-TF SCMA training step. Here a small SIMD module of our own (wasm-batch-matmul.as), run in
 * place on the backend's heap, does them 5–10× faster with the same bits.
 */
import { broadcast_util, util, type TensorInfo } from '@tensorflow/tfjs-core';
import { BATCH_MATMUL_WASM_BASE64 } from './wasm-batch-matmul-binary.js';
import { heapModule, heapOf, offsetOf, type HeapBackend } from './wasm-heap-module.js';

interface BatchMatMulWasm {
  batchMatMul(a: number, b: number, c: number, scratch: number, batch: number, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, aStep: number, bStep: number): void;
}

const kernelOn = heapModule<BatchMatMulWasm>(BATCH_MATMUL_WASM_BASE64);

/**
 * op(a)·op(b) over the leading (batch) axes, or null where the stock kernel must answer: a single
 * pair (XNNPACK's case), a dtype other than float32, mismatched inner sizes (the stock kernel
 * throws tfjs's error), batch shapes that broadcast other than one side having a single item, or
 * a backend whose memory is not reachable.
 */
export function batchedMatMul(backend: HeapBackend, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo | null {
  const memory = heapOf(backend);
  if (!memory || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [m, k] = transposeA ? [ac, ar] : [ar, ac];
  const [kb, n] = transposeB ? [bc, br] : [br, bc];
  if (k !== kb) return null;
  const aBatch = util.sizeFromShape(a.shape.slice(0, -2));
  const bBatch = util.sizeFromShape(b.shape.slice(0, -2));
  const outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = util.sizeFromShape(outer);
  if (batch <= 1 || (aBatch !== batch && aBatch !== 1) || (bBatch !== batch && bBatch !== 1)) return null;

  const out = backend.makeOutput([...outer, m, n], 'float32');
  if (m * n === 0) return out;
  const scratch = transposeB ? backend.makeOutput([k * n], 'float32') : null;
  const at = (t: TensorInfo) => offsetOf(backend, t);
  kernelOn(memory).batchMatMul(at(a), at(b), at(out), scratch ? at(scratch) : 0, batch, m, k, n, transposeA, transposeB, aBatch === 1 ? 0 : m * k, bBatch === 1 ? 0 : k * n);
  if (scratch) backend.disposeData(scratch.dataId);
  return out;
}
