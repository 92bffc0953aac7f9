/**
 * Gradient kernels for the wasm backend, built from wasm's own Conv2D (XNNPACK), Transpose,
 * Reverse, Slice and elementwise kernels. The backend ships no Conv2DBackpropFilter at all, so a
 * conv net cannot train on it out of the box; its Conv2DBackpropInput is a naive loop that loses
 * to a forward convolution with the flipped filter (strided convs keep it); its MaxPoolGrad is
 * slow and, with some 'same' paddings, wrong (tfjs 4.22: a 2×2 stride-1 'same' pool loses gradient
 * at the padded edge, found by comparing with the cpu backend), so it is replaced outright.
 *
 * Both gradients are correlations:
 *   dW[a,b,c,o] = Σ_{n,i,j} x[n, i·sh + a − pt, j·sw + b − pl, c] · dy[n,i,j,o]
 *     → a convolution of x (batch↔channels swapped) with dy as the filter, dilated by the stride;
 *   dx[n,h,w,c] = Σ_{a,b,o} dy[n, h + pt − a, w + pl − b, o] · W[a,b,c,o]
 *     → a convolution of dy with W flipped in space and transposed in/out.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  MaxPoolGrad,
  getKernel,
  registerKernel,
  unregisterKernel,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type NamedAttrMap,
  type TensorInfo,
  type TypedArray,
} from '@tensorflow/tfjs-core';

const BACKEND = 'wasm';

const stockKernels = new Map<string, KernelFunc>();
let registered = false;

/** Idempotent: call before the wasm backend starts (kernels bind their wasm exports at start-up). */
export function registerWasmGradKernels(): void {
  if (registered) return;
  registered = true;
  override(Conv2DBackpropInput, backpropInput as unknown as KernelFunc);
  if (getKernel(MaxPoolGrad, BACKEND)) unregisterKernel(MaxPoolGrad, BACKEND);
  registerKernel({ kernelName: MaxPoolGrad, backendName: BACKEND, kernelFunc: maxPoolGrad as unknown as KernelFunc });
  if (!getKernel(Conv2DBackpropFilter, BACKEND)) {
    registerKernel({ kernelName: Conv2DBackpropFilter, backendName: BACKEND, kernelFunc: backpropFilter as unknown as KernelFunc });
  }
}

/** Replaces a wasm kernel, keeping the stock one (and its wasm binding) for the cases we pass on. */
function override(name: string, kernelFunc: KernelFunc): void {
  const stock = getKernel(name, BACKEND);
  if (stock) {
    stockKernels.set(name, stock.kernelFunc);
    unregisterKernel(name, BACKEND);
  }
  registerKernel({ kernelName: name, backendName: BACKEND, kernelFunc, setupFunc: stock?.setupFunc });
}

function stock(name: string, args: KernelArgs<unknown>): TensorInfo {
  const kernel = stockKernels.get(name);
  if (!kernel) throw new Error(`wasm backend has no stock ${name} kernel for this case`);
  return kernel(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
}

interface KernelArgs<A> {
  inputs: Record<string, TensorInfo>;
  backend: KernelBackend;
  attrs: A;
}

/** Runs another wasm kernel on TensorInfos; the caller frees what it gets back with `free`. */
function run(backend: KernelBackend, name: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap): TensorInfo {
  const kernel = getKernel(name, BACKEND) as KernelConfig | undefined;
  if (!kernel) throw new Error(`wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

function free(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Explicit paddings as Conv2D takes them: [[0,0],[top,bottom],[left,right],[0,0]]. */
type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];
const explicit = (top: number, bottom: number, left: number, right: number): ExplicitPad => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

/** Crops a [n,h,w,c] result to [n,height,width,c] from the origin, freeing the input if it cut. */
function cropTo(backend: KernelBackend, t: TensorInfo, height: number, width: number): TensorInfo {
  if (t.shape[1] === height && t.shape[2] === width) return t;
  const out = run(backend, 'Slice', { x: t }, { begin: [0, 0, 0, 0], size: [t.shape[0], height, width, t.shape[3]] });
  free(backend, t);
  return out;
}

function convInfoOf(xShape: number[], filterShape: number[], attrs: Conv2DBackpropFilterAttrs | Conv2DBackpropInputAttrs) {
  const format = backend_util.convertConv2DDataFormat(attrs.dataFormat);
  if (format !== 'channelsLast') throw new Error('wasm conv gradients support channelsLast only');
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1 /* dilations */,
    attrs.pad,
    attrs.dimRoundingMode,
    false /* depthwise */,
    format,
  );
}

function backpropFilter({ inputs, backend, attrs }: KernelArgs<Conv2DBackpropFilterAttrs>): TensorInfo {
  const { x, dy } = inputs;
  const info = convInfoOf(x.shape, attrs.filterShape, attrs);
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, inHeight, inWidth, outHeight, outWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Enough bottom/right padding that the correlation covers every filter tap; extra rows are cropped.
  const bottom = Math.max(0, fh + (outHeight - 1) * sh - inHeight - top);
  const right = Math.max(0, fw + (outWidth - 1) * sw - inWidth - left);

  const xT = run(backend, 'Transpose', { x }, { perm: [3, 1, 2, 0] }); // [C, H, W, N]
  const dyT = run(backend, 'Transpose', { x: dy }, { perm: [1, 2, 0, 3] }); // [OH, OW, N, O]
  const corr = run(backend, 'Conv2D', { x: xT, filter: dyT }, {
    strides: [1, 1],
    pad: explicit(top, bottom, left, right),
    dataFormat: 'NHWC',
    dilations: [sh, sw],
    dimRoundingMode: undefined as unknown as string,
  } as unknown as NamedAttrMap); // [C, ≥fh, ≥fw, O]
  free(backend, xT, dyT);
  const cropped = cropTo(backend, corr, fh, fw);
  const dW = run(backend, 'Transpose', { x: cropped }, { perm: [1, 2, 0, 3] }); // [fh, fw, C, O]
  free(backend, cropped);
  return dW;
}

function backpropInput(args: KernelArgs<Conv2DBackpropInputAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const info = convInfoOf(attrs.inputShape, filter.shape, attrs);
  // A stride > 1 would need a zero-dilated dy, which Conv2D cannot do: keep the stock kernel there.
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return stock(Conv2DBackpropInput, args);
  const { filterHeight: fh, filterWidth: fw, inHeight, inWidth, outHeight, outWidth } = info;
  const top = fh - 1 - info.padInfo.top;
  const left = fw - 1 - info.padInfo.left;
  const bottom = Math.max(0, inHeight - outHeight + info.padInfo.top);
  const right = Math.max(0, inWidth - outWidth + info.padInfo.left);
  if (top < 0 || left < 0) return stock(Conv2DBackpropInput, args);

  const flipped = run(backend, 'Reverse', { x: filter }, { dims: [0, 1] });
  const wT = run(backend, 'Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }); // [fh, fw, O, C]
  free(backend, flipped);
  const dx = run(backend, 'Conv2D', { x: dy, filter: wT }, {
    strides: [1, 1],
    pad: explicit(top, bottom, left, right),
    dataFormat: 'NHWC',
    dilations: [1, 1],
    dimRoundingMode: undefined as unknown as string,
  } as unknown as NamedAttrMap);
  free(backend, wT);
  return cropTo(backend, dx, inHeight, inWidth);
}

/**
 * Max-pool gradient by TensorFlow's rule: the first maximum of each window takes the window's
 * gradient. A plain loop over the input once, channels innermost so reads stay contiguous.
 */
function maxPoolGrad({ inputs, backend, attrs }: KernelArgs<MaxPoolGradAttrs>): TensorInfo {
  const { dy, input } = inputs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1 /* dilations */,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const wasm = backend as unknown as HeapBackend;
  // Allocate first: growing the heap would detach views taken before.
  const out = wasm.makeOutput(input.shape, 'float32');
  const x = wasm.typedArrayFromHeap(input) as Float32Array;
  const g = wasm.typedArrayFromHeap(dy) as Float32Array;
  const dx = wasm.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { filterHeight, filterWidth } = info;
  const best = new Float32Array(c);
  const at = new Int32Array(c);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - info.padInfo.top;
      const yFrom = Math.max(0, y0);
      const yTo = Math.min(inHeight, y0 + filterHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - info.padInfo.left;
        const xFrom = Math.max(0, x0);
        const xTo = Math.min(inWidth, x0 + filterWidth);
        best.fill(-Infinity);
        at.fill(-1);
        for (let fy = yFrom; fy < yTo; fy++) {
          for (let fx = xFrom; fx < xTo; fx++) {
            const base = ((b * inHeight + fy) * inWidth + fx) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch];
              if (v > best[ch]) {
                best[ch] = v;
                at[ch] = base + ch;
              }
            }
          }
        }
        const gBase = ((b * outHeight + oy) * outWidth + ox) * c;
        for (let ch = 0; ch < c; ch++) if (at[ch] >= 0) dx[at[ch]] += g[gBase + ch];
      }
    }
  }
  return out;
}

/** The parts of tfjs-backend-wasm's BackendWasm that a kernel written in JS needs. */
interface HeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): TypedArray;
}
