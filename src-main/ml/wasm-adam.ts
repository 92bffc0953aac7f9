/**
 * Adam's moments and weights as flat float32 arrays in a small WebAssembly memory of their own, and
 * the update as one SIMD pass over them (wasm-adam.as): ~0.2 ms for Fea-TF SCMA's 155,000 parameters
 * where a scalar loop rounding each step with Math.fround took ~2 ms, paid by every data-parallel
 * replica at every step whatever its share of the batch. The bits are those of the scalar float32
 * ops (tested), so trainings repeat those of earlier versions.
 */
import { ADAM_WASM_BASE64 } from './wasm-adam-binary.js';
import { heapModule } from './wasm-heap-module.js';

interface AdamWasm {
  update(g: number, m: number, v: number, w: number, n: number, b1: number, c1: number, b2: number, c2: number, eps: number, step: number): void;
}

const kernelOn = heapModule<AdamWasm>(ADAM_WASM_BASE64);

export interface AdamConstants {
  beta1: number;
  beta2: number;
  epsilon: number;
}

export class FlatAdamState {
  /** The gradient to apply next: write it here, then call update(). */
  readonly gradient: Float32Array;
  /** The weights, updated in place (the moments beside them are the kernel's alone). */
  readonly weights: Float32Array;
  readonly #kernel: AdamWasm;
  readonly #at: number[];

  constructor(initial: Float32Array) {
    const n = initial.length;
    // Each array starts on a 16-byte boundary (SIMD loads), so each is padded to a multiple of 4.
    const stride = 4 * Math.ceil(n / 4) * 4;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((4 * stride) / 65536)) });
    this.#kernel = kernelOn(memory);
    this.#at = [0, 1, 2, 3].map((k) => k * stride);
    const view = (k: number) => new Float32Array(memory.buffer, this.#at[k], n);
    [this.gradient, this.weights] = [view(0), view(3)];
    this.weights.set(initial);
  }

  /** m, v and the weights from `gradient`, with the step size of this update. */
  update({ beta1, beta2, epsilon }: AdamConstants, step: number): void {
    const f = Math.fround;
    const [g, m, v, w] = this.#at;
    this.#kernel.update(g, m, v, w, this.weights.length, f(beta1), f(1 - beta1), f(beta2), f(1 - beta2), f(epsilon), f(step));
  }
}
