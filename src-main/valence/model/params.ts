/**
 * A model's trainable tensors by name, created in a fixed order so weights saved as one flat
 * float32 buffer load back by the same walk. Initial values come from a seeded generator:
 * Glorot-uniform weights, zero biases, unit LayerNorm gains, N(0, 0.02²) position embeddings.
 */
import * as tf from '@tensorflow/tfjs-core';
import { concatFloat32 } from '../../util/float32.js';
import { Rng } from '../../util/random.js';

export type Init = 'glorot' | 'zeros' | 'ones' | 'embedding';

export interface WeightManifestEntry {
  name: string;
  shape: number[];
}

function initial(init: Init, shape: number[], rng: Rng): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  if (init === 'ones') out.fill(1);
  if (init === 'glorot') {
    const fanIn = shape.length > 1 ? shape[shape.length - 2] : shape[0];
    const fanOut = shape[shape.length - 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < n; i++) out[i] = (2 * rng.next() - 1) * limit;
  }
  if (init === 'embedding') for (let i = 0; i < n; i++) out[i] = 0.02 * rng.normal();
  return out;
}

/** tfjs wants globally unique variable names; models may coexist (grid, tests). */
let created = 0;

export class Params {
  readonly #vars = new Map<string, tf.Variable>();
  readonly #rng: Rng;
  readonly #saved: Map<string, Float32Array> | null;

  /** Fresh parameters drawn from `rng`, or the saved values when `saved` is given. */
  constructor(rng: Rng, saved: Map<string, Float32Array> | null = null) {
    this.#rng = rng;
    this.#saved = saved;
  }

  /** Creates (or, when loading, restores) one parameter. Names must be unique. */
  add(name: string, shape: number[], init: Init): tf.Variable {
    if (this.#vars.has(name)) throw new Error(`parameter ${name} defined twice`);
    let values = initial(init, shape, this.#rng);
    if (this.#saved) {
      const v = this.#saved.get(name);
      if (!v || v.length !== values.length) throw new Error(`saved weights lack ${name} [${shape.join('×')}]`);
      values = v;
    }
    const variable = tf.tidy(() => tf.variable(tf.tensor(values, shape), true, `valence_${name}_${++created}`));
    this.#vars.set(name, variable);
    return variable;
  }

  list(): tf.Variable[] {
    return [...this.#vars.values()];
  }

  manifest(): WeightManifestEntry[] {
    return [...this.#vars.entries()].map(([name, v]) => ({ name, shape: v.shape }));
  }

  /** All values in manifest order, one flat float32 buffer. */
  snapshot(): Float32Array {
    return concatFloat32(this.list().map((v) => v.dataSync() as Float32Array));
  }

  /** Puts back values taken by snapshot() (early stopping restores the best epoch). */
  restore(flat: Float32Array): void {
    let at = 0;
    for (const v of this.list()) {
      const n = v.size;
      tf.tidy(() => v.assign(tf.tensor(flat.subarray(at, at + n), v.shape)));
      at += n;
    }
  }

  dispose(): void {
    for (const v of this.#vars.values()) v.dispose();
    this.#vars.clear();
  }
}

/** Splits a flat buffer back into named arrays by a manifest. */
export function unflatten(manifest: WeightManifestEntry[], flat: Float32Array): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  let at = 0;
  for (const { name, shape } of manifest) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (at + n > flat.length) throw new Error(`weights end before ${name}`);
    out.set(name, flat.slice(at, at + n));
    at += n;
  }
  if (at !== flat.length) throw new Error(`weights hold ${flat.length - at} values the manifest does not describe`);
  return out;
}
