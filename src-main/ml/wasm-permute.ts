/**
 * Transposes that keep the last axis last (an attention's head split and merge, [b, t, h, d] ↔
 * [b, h, t, d], and their gradients: 32 a Fea-TF SCMA training step) moved as whole runs of that
 * axis by a small wasm module of our own (wasm-permute.as), in place on the backend's heap;
 * tfjs-backend-wasm 4.22's Transpose moves one element at a time (5.9 → 2.5 ms a half-batch step at
 * 16 tokens). A copy: the same bits.
 */
import { util, type TensorInfo } from '@tensorflow/tfjs-core';
import { heapModule, heapOf, heapRuns, offsetOf, type HeapBackend } from './wasm-heap-module.js';
import { PERMUTE_WASM_BASE64 } from './wasm-permute-binary.js';

interface PermuteWasm {
  permuteRuns(x: number, out: number, d0: number, d1: number, d2: number, s0: number, s1: number, s2: number, run: number, bytes: number): void;
}

const permuteOn = heapModule<PermuteWasm>(PERMUTE_WASM_BASE64);

/** x permuted by `perm`, or null where the stock kernel must answer (rank over 4, the last axis moving, other dtypes). */
export function transposeRuns(backend: HeapBackend, x: TensorInfo, perm: number[]): TensorInfo | null {
  const rank = x.shape.length;
  // heapRuns: a 4-byte dtype on a reachable heap.
  const memory = heapRuns(backend, x) && heapOf(backend);
  if (!memory || rank < 2 || rank > 4 || perm[rank - 1] !== rank - 1) return null;
  const out = backend.makeOutput(perm.map((p) => x.shape[p]), x.dtype);
  if (util.sizeFromShape(x.shape) === 0) return out;
  const strides = [...util.computeStrides(x.shape), 1];
  // The output's leading axes, padded in front to three: [extent, the input stride it walks].
  const lead = perm.slice(0, -1).map((p) => [x.shape[p], strides[p]]);
  while (lead.length < 3) lead.unshift([1, 0]);
  const [[d0, s0], [d1, s1], [d2, s2]] = lead;
  permuteOn(memory).permuteRuns(offsetOf(backend, x), offsetOf(backend, out), d0, d1, d2, s0, s1, s2, x.shape[rank - 1], 4);
  return out;
}
