/**
 * Copy-free versions of wasm kernels that move data without computing. In tfjs-backend-wasm 4.22
 * every Slice first copies its whole input out of the wasm heap (`readSync`), so unstacking a
 * [T, …] tensor into T steps copies it T times (an RNN's per-step inputs: O(T²) bytes); Unpack
 * and SplitV are built on that Slice. Identity copies its input, which the engine calls for
 * every tensor it saves for backprop; Reverse and Transpose move one element at a time; Concat
 * makes a typed array view per row it copies (~10,000 a training step, in the gradients of the
 * attention's split). Here slices and concatenations move rows within one view of the heap, Reverse
 * copies whole rows, transposes that keep the last axis (the attention's head split and merge) move
 * whole runs of it in wasm (wasm-permute.ts), and Identity shares the buffer by reference count, as
 * the cpu backend does (tensors are immutable).
 */
import {
  Concat,
  Identity,
  Transpose,
  Reverse,
  SplitV,
  Slice,
  Unpack,
  backend_util,
  getKernel,
  registerKernel,
  slice_util,
  unregisterKernel,
  util,
  type KernelBackend,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
  type TypedArray,
} from '@tensorflow/tfjs-core';

import { heapRuns, type HeapBackend } from './wasm-heap-module.js';
import { transposeRuns } from './wasm-permute.js';

const BACKEND = 'wasm';

/** The parts of tfjs-backend-wasm's BackendWasm these kernels use. */
interface WasmBackend extends KernelBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): TypedArray;
}

/** The same backend seen through the heap helpers' narrower type. */
const onHeap = (backend: WasmBackend): HeapBackend => backend as unknown as HeapBackend;


interface Args {
  inputs: Record<string, TensorInfo>;
  backend: WasmBackend;
  attrs: NamedAttrMap;
}

const stock = new Map<string, KernelFunc>();
let registered = false;

/** Idempotent: call before the wasm backend starts. */
export function registerWasmCopyKernels(): void {
  if (registered) return;
  registered = true;
  replace(Slice, (a) => sliceKernel(a));
  replace(Unpack, unpack);
  replace(SplitV, splitV);
  replace(Identity, identity);
  replace(Reverse, reverse);
  replace(Concat, concat);
  replace(Transpose, transpose);
}

function replace(name: string, fn: (args: Args) => TensorInfo | TensorInfo[]): void {
  const old = getKernel(name, BACKEND);
  if (old) {
    stock.set(name, old.kernelFunc);
    unregisterKernel(name, BACKEND);
  }
  registerKernel({ kernelName: name, backendName: BACKEND, kernelFunc: fn as unknown as KernelFunc, setupFunc: old?.setupFunc });
}

function callStock(name: string, args: Args): TensorInfo | TensorInfo[] {
  return stock.get(name)!(args as unknown as Parameters<KernelFunc>[0]);
}

function identity(args: Args): TensorInfo {
  const { x } = args.inputs;
  if (x.dtype === 'string') return callStock(Identity, args) as TensorInfo;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function sliceKernel(args: Args): TensorInfo {
  const { x } = args.inputs;
  if (x.dtype === 'string') return callStock(Slice, args) as TensorInfo;
  const [begin, size] = slice_util.parseSliceParams(x as never, args.attrs.begin as number[], args.attrs.size as number[]);
  return copySlice(args.backend, x, begin, size);
}

/** Copies x[begin : begin + size] row by row (innermost runs), reading the heap in place. */
function copySlice(backend: WasmBackend, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  // Allocate first: growing the heap would detach views taken before.
  const out = backend.makeOutput(size, x.dtype);
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  if (dst.length === 0) return out;
  const strides = util.computeStrides(x.shape);
  if (slice_util.isSliceContinous(x.shape, begin, size)) {
    const from = slice_util.computeFlatOffset(begin, strides);
    dst.set(src.subarray(from, from + dst.length));
    return out;
  }
  const rank = x.shape.length;
  const run = size[rank - 1];
  const rows = dst.length / run;
  const index = new Array<number>(Math.max(0, rank - 1)).fill(0);
  const runs = heapRuns(onHeap(backend), x);
  const outAt = runs && heapRuns(onHeap(backend), out)!.at;
  for (let r = 0; r < rows; r++) {
    let from = begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) from += (begin[d] + index[d]) * strides[d];
    if (runs) runs.heap.copyWithin(outAt! + r * run, runs.at + from, runs.at + from + run);
    else dst.set(src.subarray(from, from + run), r * run);
    for (let d = rank - 2; d >= 0; d--) {
      if (++index[d] < size[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

function unpack(args: Args): TensorInfo[] {
  const { value } = args.inputs;
  if (value.dtype === 'string') return callStock(Unpack, args) as TensorInfo[];
  const axis = util.parseAxisParam(args.attrs.axis as number, value.shape)[0];
  const outShape = value.shape.filter((_, i) => i !== axis);
  const begin = value.shape.map(() => 0);
  const size = value.shape.slice();
  size[axis] = 1;
  return Array.from({ length: value.shape[axis] }, (_, i) => {
    begin[axis] = i;
    const piece = copySlice(args.backend, value, begin, size);
    return { ...piece, shape: outShape };
  });
}

function splitV(args: Args): TensorInfo[] {
  const { x } = args.inputs;
  if (x.dtype === 'string') return callStock(SplitV, args) as TensorInfo[];
  const axis = util.parseAxisParam(args.attrs.axis as number, x.shape)[0];
  const sizes = backend_util.prepareSplitSize(x as never, args.attrs.numOrSizeSplits as number[] | number, axis);
  const begin = x.shape.map(() => 0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[axis] = s;
    const piece = copySlice(args.backend, x, begin.slice(), size);
    begin[axis] += s;
    return piece;
  });
}

/** Reverses along `dims` by copying the longest run of trailing axes that keep their order. */
function reverse(args: Args): TensorInfo {
  const { x } = args.inputs;
  if (x.dtype === 'string') return callStock(Reverse, args) as TensorInfo;
  const rank = x.shape.length;
  const dims = new Set(util.parseAxisParam(args.attrs.dims as number | number[], x.shape));
  const out = args.backend.makeOutput(x.shape, x.dtype);
  const src = args.backend.typedArrayFromHeap(x);
  const dst = args.backend.typedArrayFromHeap(out);
  if (dst.length === 0) return out;
  let keep = rank; // axes keep..rank-1 are copied as one run
  while (keep > 0 && !dims.has(keep - 1)) keep--;
  const run = x.shape.slice(keep).reduce((a, b) => a * b, 1);
  const strides = util.computeStrides(x.shape);
  const outer = x.shape.slice(0, keep);
  const index = new Array<number>(keep).fill(0);
  for (let r = 0; r < dst.length / run; r++) {
    let from = 0;
    for (let d = 0; d < keep; d++) from += (dims.has(d) ? x.shape[d] - 1 - index[d] : index[d]) * (d < rank - 1 ? strides[d] : 1);
    dst.set(src.subarray(from, from + run), r * run);
    for (let d = keep - 1; d >= 0; d--) {
      if (++index[d] < outer[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

/** Concatenation along any axis: per outer index, each input's inner block in turn. */
function concat(args: Args): TensorInfo {
  const inputs = args.inputs as unknown as TensorInfo[];
  const parts = inputs.filter((t) => util.sizeFromShape(t.shape) > 0);
  // The output takes the first input's dtype, empty or not, as the stock kernel's does.
  if (parts.length < 2 || inputs.some((t) => t.dtype !== inputs[0].dtype) || !heapRuns(onHeap(args.backend), parts[0])) return callStock(Concat, args) as TensorInfo;
  const axis = util.parseAxisParam(args.attrs.axis as number, inputs[0].shape)[0];
  const shapes = inputs.map((t) => t.shape);
  backend_util.assertParamsConsistent(shapes, axis);
  const out = args.backend.makeOutput(backend_util.computeOutShape(shapes, axis), parts[0].dtype);
  // Views after makeOutput: growing the heap detaches older ones.
  const { heap, at: outAt } = heapRuns(onHeap(args.backend), out)!;
  const starts = parts.map((t) => heapRuns(onHeap(args.backend), t)!.at);
  const inner = parts.map((t) => util.sizeFromShape(t.shape.slice(axis)));
  const width = inner.reduce((a, b) => a + b, 0);
  const outer = util.sizeFromShape(parts[0].shape.slice(0, axis));
  for (let b = 0; b < outer; b++) {
    let to = outAt + b * width;
    parts.forEach((_, i) => {
      heap.copyWithin(to, starts[i] + b * inner[i], starts[i] + (b + 1) * inner[i]);
      to += inner[i];
    });
  }
  return out;
}

/** Transposes that keep the last axis last move whole runs (wasm-permute.ts); others go to the stock kernel. */
function transpose(args: Args): TensorInfo {
  return transposeRuns(onHeap(args.backend), args.inputs.x, args.attrs.perm as number[]) ?? (callStock(Transpose, args) as TensorInfo);
}
