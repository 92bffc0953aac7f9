/**
 * BatchMatMul for the wasm backend that keeps 2-D products on XNNPACK. In tfjs-backend-wasm 4.22
 * only an untransposed product with batch 1 takes XNNPACK's fast path; with transposeA or
 * transposeB set it falls to a naive loop 10–20× slower, and every stock MatMul gradient sets one
 * of them. So a single product with a transposed operand is run here as an explicit Transpose
 * followed by the fast product. The copy is not free (the stock Transpose moves ~8 ns per element:
 * 6 ms for a training step's [1024, 710] tokenizer input, twice its product), so when the operand to
 * transpose is the big one the product is run the other way round, C = (op(B)ᵀ·op(A)ᵀ)ᵀ, moving
 * the two smaller matrices instead. Batched products run on our own SIMD kernel
 * (wasm-batch-matmul.ts), with the same bits as the stock one. Where ONNX Runtime loads, single
 * products run on it instead (native-products.ts), transposed operands and all.
 */
import {
  BatchMatMul,
  getKernel,
  registerKernel,
  unregisterKernel,
  util,
  type BatchMatMulAttrs,
  type KernelBackend,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { batchedMatMul } from './wasm-batch-matmul.js';
import type { HeapBackend } from './wasm-heap-module.js';
import { nativeProduct, ranOnXnnpack } from './native-products.js';

const BACKEND = 'wasm';
let stockMatMul: KernelFunc | null = null;

/** Idempotent: call before the wasm backend starts (kernels bind their wasm exports at start-up). */
export function registerWasmMatMulKernel(): void {
  if (stockMatMul) return;
  const stock = getKernel(BatchMatMul, BACKEND);
  if (!stock) return;
  stockMatMul = stock.kernelFunc;
  unregisterKernel(BatchMatMul, BACKEND);
  registerKernel({ kernelName: BatchMatMul, backendName: BACKEND, kernelFunc: matMul as unknown as KernelFunc, setupFunc: stock.setupFunc });
}

interface Args {
  inputs: Record<string, TensorInfo>;
  backend: KernelBackend;
  attrs: BatchMatMulAttrs;
}

function matMul(args: Args): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const batch = (t: TensorInfo) => util.sizeFromShape(t.shape.slice(0, -2));
  if (batch(a) !== 1 || batch(b) !== 1) {
    return batchedMatMul(backend as unknown as HeapBackend, a, b, attrs.transposeA, attrs.transposeB) ?? callStock(args);
  }
  const native = nativeProduct(backend as unknown as HeapBackend, a, b, attrs.transposeA, attrs.transposeB);
  if (native) return native;
  ranOnXnnpack();
  if (!attrs.transposeA && !attrs.transposeB) return callStock(args);
  const moved: TensorInfo[] = [];
  const untransposed = (t: TensorInfo, flag: boolean) => {
    if (!flag) return t;
    const out = transpose(backend, t);
    moved.push(out);
    return out;
  };
  const product = (x: TensorInfo, y: TensorInfo) => callStock({ inputs: { a: x, b: y }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
  const copied = (t: TensorInfo, flag: boolean) => (flag ? util.sizeFromShape(t.shape) : 0);
  const rows = a.shape[a.shape.length - (attrs.transposeA ? 1 : 2)];
  const cols = b.shape[b.shape.length - (attrs.transposeB ? 2 : 1)];
  const direct = copied(a, attrs.transposeA) + copied(b, attrs.transposeB);
  const swapped = copied(a, !attrs.transposeA) + copied(b, !attrs.transposeB) + rows * cols;
  let out: TensorInfo;
  if (swapped < direct) {
    const flipped = product(untransposed(b, !attrs.transposeB), untransposed(a, !attrs.transposeA));
    out = transpose(backend, flipped);
    moved.push(flipped);
  } else {
    out = product(untransposed(a, attrs.transposeA), untransposed(b, attrs.transposeB));
  }
  for (const t of moved) backend.disposeData(t.dataId);
  return out;
}

/** t with its last two axes swapped, by the backend's Transpose. */
function transpose(backend: KernelBackend, t: TensorInfo): TensorInfo {
  const perm = t.shape.map((_, i) => i);
  perm.splice(-2, 2, perm.length - 1, perm.length - 2);
  return getKernel('Transpose', BACKEND)!.kernelFunc({ inputs: { x: t }, backend, attrs: { perm } }) as TensorInfo;
}

function callStock(args: Args): TensorInfo {
  return stockMatMul!(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
}
