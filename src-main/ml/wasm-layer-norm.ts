/**
 * Layer normalisation over the last axis as one op with its own gradient, for the wasm backend.
 * Written as tf.moments and element-wise ops, one layer norm costs ~70 kernels forward and backward
 * (3.2 ms of a Fea-TF SCMA training step's ~87 for [1024, 64]); here it is one kernel each way, on
 * a small module of our own (wasm-layer-norm.as) run in place on the backend's heap, that rounds
 * every value as that composite does: the same bits, forward and gradients.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getKernel, registerKernel, util, type GradSaveFunc, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { LAYER_NORM_WASM_BASE64 } from './wasm-layer-norm-binary.js';
import { heapModule, heapOf, offsetOf, type HeapBackend } from './wasm-heap-module.js';

const BACKEND = 'wasm';
const LAYER_NORM = 'FusedLayerNorm';
const LAYER_NORM_GRAD = 'FusedLayerNormGrad';

interface LayerNormWasm {
  statistics(x: number, rows: number, d: number, epsilon: number, mean: number, ve: number, r: number): void;
  forward(x: number, gain: number, bias: number, mean: number, r: number, rows: number, d: number, y: number): void;
  backward(dy: number, x: number, gain: number, mean: number, r: number, p: number, rows: number, d: number, dx: number, dgain: number, dbias: number): void;
}

const moduleOn = heapModule<LayerNormWasm>(LAYER_NORM_WASM_BASE64);

/** Idempotent: call before the wasm backend starts. */
export function registerWasmLayerNormKernels(): void {
  if (getKernel(LAYER_NORM, BACKEND)) return;
  registerKernel({ kernelName: LAYER_NORM, backendName: BACKEND, kernelFunc: layerNormKernel as unknown as KernelFunc });
  registerKernel({ kernelName: LAYER_NORM_GRAD, backendName: BACKEND, kernelFunc: layerNormGradKernel as unknown as KernelFunc });
}

/**
 * (x − mean)·rsqrt(var + ε)·gain + bias over x's last axis, bit for bit what
 * `tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, ε))), gain), bias)` with
 * `tf.moments(x, -1, true)` gives, gradients included; null where it cannot run (another backend,
 * a dtype other than float32, the backend's memory out of reach) and the caller keeps that composite.
 */
export function fusedLayerNorm(x: tf.Tensor, gain: tf.Tensor1D, bias: tf.Tensor1D, epsilon: number): tf.Tensor | null {
  if (!getKernel(LAYER_NORM, tf.getBackend()) || x.dtype !== 'float32' || !heapOf(tf.backend() as unknown as HeapBackend)) return null;
  const attrs = { epsilon } as unknown as NamedAttrMap;
  const op = tf.customGrad(((input: tf.Tensor, g: tf.Tensor, b: tf.Tensor, save: GradSaveFunc) => {
    save([input, g]);
    return {
      value: tf.engine().runKernel(LAYER_NORM, { x: input, gain: g, bias: b }, attrs) as tf.Tensor,
      gradFunc: (dy: tf.Tensor, [xs, gs]: tf.Tensor[]) => tf.engine().runKernel(LAYER_NORM_GRAD, { dy, x: xs, gain: gs }, attrs) as tf.Tensor[],
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, gain, bias);
}

interface Args {
  inputs: Record<string, TensorInfo>;
  backend: HeapBackend;
  attrs: { epsilon: number };
}

/** Per-row mean, var + ε and rsqrt of it, in three [rows] buffers the caller frees. */
function statistics(backend: HeapBackend, x: TensorInfo, epsilon: number) {
  const d = x.shape[x.shape.length - 1];
  const rows = d === 0 ? 0 : util.sizeFromShape(x.shape) / d;
  const [mean, ve, r] = [0, 1, 2].map(() => backend.makeOutput([rows], 'float32'));
  const at = (t: TensorInfo) => offsetOf(backend, t);
  const kernel = moduleOn(heapOf(backend)!);
  kernel.statistics(at(x), rows, d, epsilon, at(mean), at(ve), at(r));
  return { kernel, at, rows, d, mean, ve, r };
}

function layerNormKernel({ inputs, backend, attrs }: Args): TensorInfo {
  const { x, gain, bias } = inputs;
  const y = backend.makeOutput(x.shape, 'float32');
  const { kernel, at, rows, d, mean, ve, r } = statistics(backend, x, attrs.epsilon);
  kernel.forward(at(x), at(gain), at(bias), at(mean), at(r), rows, d, at(y));
  for (const t of [mean, ve, r]) backend.disposeData(t.dataId);
  return y;
}

function layerNormGradKernel({ inputs, backend, attrs }: Args): TensorInfo[] {
  const { dy, x, gain } = inputs;
  const dx = backend.makeOutput(x.shape, 'float32');
  const dgain = backend.makeOutput(gain.shape, 'float32');
  const dbias = backend.makeOutput(gain.shape, 'float32');
  const { kernel, at, rows, d, mean, ve, r } = statistics(backend, x, attrs.epsilon);
  // Rsqrt's gradient takes ve^1.5 from the backend's Pow (libc powf): ours would round differently.
  const exponent = backend.makeOutput([], 'float32');
  backend.typedArrayFromHeap(exponent)[0] = 1.5;
  const pow = getKernel('Pow', BACKEND)!.kernelFunc({ inputs: { a: ve, b: exponent }, backend: backend as unknown as tf.KernelBackend, attrs: {} }) as TensorInfo;
  kernel.backward(at(dy), at(x), at(gain), at(mean), at(r), at(pow), rows, d, at(dx), at(dgain), at(dbias));
  for (const t of [mean, ve, r, exponent, pow]) backend.disposeData(t.dataId);
  return [dx, dgain, dbias];
}
