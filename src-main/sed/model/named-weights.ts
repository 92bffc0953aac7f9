/** Shared by both detector networks: rebuilding one's variables from saved weights, checked by name and shape. */
import * as tf from '@tensorflow/tfjs-core';

/** New variables shaped like `reference`'s, holding `weights` (throws naming what is missing or misshapen). */
export function variablesFromWeights(reference: ReadonlyMap<string, tf.Variable>, weights: Record<string, tf.Tensor>): Map<string, tf.Variable> {
  const vars = new Map<string, tf.Variable>();
  try {
    for (const [name, v] of reference) {
      const w = weights[name];
      if (!w) throw new Error(`the weights lack '${name}'`);
      if (w.shape.join('x') !== v.shape.join('x')) throw new Error(`weight '${name}' is ${w.shape.join('×')}, expected ${v.shape.join('×')}`);
      vars.set(name, tf.variable(w, v.trainable));
    }
    return vars;
  } catch (err) {
    for (const v of vars.values()) v.dispose();
    throw err;
  }
}

/** Mean binary cross-entropy of probabilities against targets of the same layout. */
export function meanBce(p: Float32Array, target: Float32Array): { sum: number; count: number } {
  let sum = 0;
  for (let j = 0; j < p.length; j++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[j]));
    sum -= target[j] * Math.log(q) + (1 - target[j]) * Math.log(1 - q);
  }
  return { sum, count: p.length };
}

/** What both detector networks share: a checked config and their variables by name, in a fixed order for saving. */
export abstract class NamedVariables<C> {
  protected constructor(
    readonly config: C,
    protected readonly vars: Map<string, tf.Variable>,
  ) {}

  getConfig(): C {
    return structuredClone(this.config);
  }

  /** All weights (trainable and statistics) in a fixed order, for saving. */
  namedWeights(): Array<[string, tf.Variable]> {
    return [...this.vars];
  }

  trainableWeights(): tf.Variable[] {
    return [...this.vars.values()].filter((v) => v.trainable);
  }

  get parameterCount(): number {
    let n = 0;
    for (const v of this.vars.values()) n += v.size;
    return n;
  }

  protected v(name: string): tf.Variable {
    const w = this.vars.get(name);
    if (!w) throw new Error(`model weight '${name}' missing`);
    return w;
  }
}
