/**
 * Adam with Keras's time-based decay, the paper's optimizer ("learning rate and decaying factor of
 * 0.005"): lr_t = lr / (1 + decay·t) after t updates, then the usual bias-corrected step
 *   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  w ← w − lr_t·√(1−β2ᵗ)/(1−β1ᵗ) · m/(√v + ε).
 * Written here because tfjs's AdamOptimizer has no decay and keeps its rate private. All
 * parameters are updated as one flat vector: per-variable updates cost ~13 kernel calls per
 * variable, and on wasm the calls, not the arithmetic, dominated (800 of a step's 1,100 kernels).
 */
import * as tf from '@tensorflow/tfjs-core';

export interface AdamOptions {
  learningRate: number;
  decay: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  readonly #vars: tf.Variable[];
  readonly #sizes: number[];
  readonly #m: tf.Variable;
  readonly #v: tf.Variable;
  readonly #o: Required<AdamOptions>;
  #t = 0;

  constructor(vars: tf.Variable[], options: AdamOptions) {
    this.#vars = vars;
    this.#sizes = vars.map((v) => v.size);
    this.#o = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, ...options };
    const n = this.#sizes.reduce((a, b) => a + b, 0);
    this.#m = tf.tidy(() => tf.variable(tf.zeros([n]), false));
    this.#v = tf.tidy(() => tf.variable(tf.zeros([n]), false));
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
    tf.tidy(() => this.applyFlat(tf.concat(grads.map((x) => tf.reshape(x, [-1])))));
  }

  /** One update from all gradients as one flat vector, in the variables' order. */
  applyFlat(g: tf.Tensor1D): void {
    const { beta1, beta2, epsilon } = this.#o;
    const rate = this.currentRate();
    this.#t++;
    const step = (rate * Math.sqrt(1 - beta2 ** this.#t)) / (1 - beta1 ** this.#t);
    tf.tidy(() => {
      const m = tf.add(tf.mul(this.#m, beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(this.#v, beta2), tf.mul(tf.square(g), 1 - beta2));
      this.#m.assign(m);
      this.#v.assign(v);
      const delta = tf.split(tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsilon)), step), this.#sizes);
      this.#vars.forEach((w, i) => w.assign(tf.sub(w, tf.reshape(delta[i], w.shape))));
    });
  }

  dispose(): void {
    this.#m.dispose();
    this.#v.dispose();
  }
}
