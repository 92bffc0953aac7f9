/**
 * BatchMatMul for the wasm backend that keeps 2-D products on XNNPACK. In tfjs-backend-wasm 4.22
 * only an untransposed product with batch 1 takes XNNPACK's fast path; with transposeA or
 * transposeB set it falls to a naive loop 10–20× slower, and every stock MatMul gradient sets one
 * of them. So a single product with a transposed operand is run here as an explicit Transpose (a
 * cheap copy) followed by the fast product. Batched products have no fast path either way and go
 * to the stock kernel unchanged.
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
  const single = batch(a) === 1 && batch(b) === 1;
  if (!single || (!attrs.transposeA && !attrs.transposeB)) return callStock(args);
  const transpose = getKernel('Transpose', BACKEND)!.kernelFunc;
  const moved: TensorInfo[] = [];
  const untransposed = (t: TensorInfo, flag: boolean) => {
    if (!flag) return t;
    const perm = t.shape.map((_, i) => i);
    perm.splice(-2, 2, perm.length - 1, perm.length - 2);
    const out = transpose({ inputs: { x: t }, backend, attrs: { perm } }) as TensorInfo;
    moved.push(out);
    return out;
  };
  const out = callStock({
    inputs: { a: untransposed(a, attrs.transposeA), b: untransposed(b, attrs.transposeB) },
    backend,
    attrs: { ...attrs, transposeA: false, transposeB: false },
  });
  for (const t of moved) backend.disposeData(t.dataId);
  return out;
}

function callStock(args: Args): TensorInfo {
  return stockMatMul!(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
}
