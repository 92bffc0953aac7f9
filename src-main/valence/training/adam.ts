/**
 * Adam with Keras's time-based decay, the paper's optimizer ("learning rate and decaying factor of
 * 0.005"): lr_t = lr / (1 + decay·t) after t updates, then the usual bias-corrected step
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  w ← w − lr_t·√(1−β2ᵗ)/(1−β1ᵗ) · m/(√v + ε).
 * Written here because tfjs's AdamOptimizer has no decay and keeps its rate private. The update is
 * one SIMD pass over all parameters as a flat vector, kept beside the moments (ml/wasm-adam.ts), and
 * each variable is then given its new values: as tfjs ops it cost ~150 kernel calls a step (split,
 * subtract, assign per variable), 3.2 ms, the same for a replica's half batch as for a whole one.
 * So the variables must change only through this optimizer while it is used (training does).
 */
import * as tf from '@tensorflow/tfjs-core';
import { FlatAdamState } from '../../ml/wasm-adam.js';

export interface AdamOptions {
  learningRate: number;
  decay: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  readonly #vars: tf.Variable[];
  /** Moments and weights, flat in the variables' order. */
  readonly #state: FlatAdamState;
  readonly #o: Required<AdamOptions>;
  #t = 0;

  constructor(vars: tf.Variable[], options: AdamOptions) {
    this.#vars = vars;
    this.#o = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...options };
    const weights = new Float32Array(vars.reduce((sum, v) => sum + v.size, 0));
    let at = 0;
    for (const v of vars) {
      weights.set(v.dataSync() as Float32Array, at);
      at += v.size;
    }
    this.#state = new FlatAdamState(weights);
  }

  get iterations(): number {
    return this.#t;
  }

  /** The rate the next update will use, before bias correction. */
  currentRate(): number {
    return this.#o.learningRate / (1 + this.#o.decay * this.#t);
  }

  /** One update from gradients aligned with the variables given to the constructor. */
  apply(grads: tf.Tensor[]): void {
    const flat = tf.tidy(() => tf.concat(grads.map((x) => tf.reshape(x, [-1]))));
    try {
      this.applyFlat(flat.dataSync() as Float32Array);
    } finally {
      flat.dispose();
    }
  }

  /** One update from all gradients as one flat vector, in the variables' order. */
  applyFlat(g: Float32Array): void {
    const { beta1, beta2 } = this.#o;
    const w = this.#state.weights;
    if (g.length !== w.length) throw new Error(`Adam: ${g.length} gradients for ${w.length} parameters`);
    const rate = this.currentRate();
    this.#t++;
    this.#state.gradient.set(g);
    this.#state.update(this.#o, (rate * Math.sqrt(1 - beta2 ** this.#t)) / (1 - beta1 ** this.#t));
    tf.tidy(() => {
      let at = 0;
      for (const x of this.#vars) {
        // A copy: a backend may keep the array it is given (cpu does), and w changes next step.
        x.assign(tf.tensor(w.slice(at, at + x.size), x.shape));
        at += x.size;
      }
    });
  }
}
