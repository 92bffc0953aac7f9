/**
 * The detector head over the frozen tagger, keeping the paper's reference CBRNN idea with the
 * convolutional part replaced by the pretrained network:
 *
 *   window features [B, W, 915] → normalise → dense + ReLU [B, W, hidden] → BiGRU → embedding
 *   [B, W, 2H] → frame logits [B, W, K] and attention logits [B, W, K];
 *   plus a linear path from a few named features (config.directFeatures) to the frame logits.
 *
 * Attention pooling (clipProbability) gives the clip-level term trained beside the frame targets.
 */
import * as tf from '@tensorflow/tfjs-core';
import { biGru, directionMask, initBiGru, type BiGruWeights } from '../model/bigru.js';
import type { CbrnnOutput } from '../model/cbrnn.js';
import { NamedVariables, variablesFromWeights } from '../model/named-weights.js';
import { checkHeadConfig, type HeadConfig } from './config.js';

export class TaggerHead extends NamedVariables<HeadConfig> {
  private readonly gru: BiGruWeights;
  private readonly constants: { mean: tf.Tensor; invStd: tf.Tensor; kernelMask: tf.Tensor2D; recurrentMask: tf.Tensor2D; select: tf.Tensor2D };

  private constructor(config: HeadConfig, vars: Map<string, tf.Variable>) {
    super(checkHeadConfig(config, 'the model configuration'), vars);
    const c = this.config;
    this.gru = { kernel: this.v('gru/kernel'), recurrent: this.v('gru/recurrent'), bias: this.v('gru/bias'), recurrentBias: this.v('gru/recurrent_bias') };
    this.constants = tf.tidy(() => ({
      mean: tf.keep(tf.tensor1d(c.inputMean)),
      invStd: tf.keep(tf.div(1, tf.tensor1d(c.inputStd))),
      kernelMask: tf.keep(directionMask(c.hiddenDims, c.gruUnits)),
      recurrentMask: tf.keep(directionMask(c.gruUnits, c.gruUnits)),
      select: tf.keep(selection(c.inputDims, c.directFeatures)),
    }));
  }

  /** Glorot-initialised, reproducible by seed. */
  static create(config: HeadConfig, seed: number): TaggerHead {
    const c = checkHeadConfig(config, 'the model configuration');
    const vars = new Map<string, tf.Variable>();
    tf.tidy(() => {
      const glorot = (rows: number, cols: number, s: number) => tf.randomUniform([rows, cols], -Math.sqrt(6 / (rows + cols)), Math.sqrt(6 / (rows + cols)), 'float32', s);
      vars.set('dense/kernel', tf.variable(glorot(c.inputDims, c.hiddenDims, seed), true));
      vars.set('dense/bias', tf.variable(tf.zeros([c.hiddenDims]), true));
      const gru = initBiGru(c.hiddenDims, c.gruUnits, seed + 100);
      vars.set('gru/kernel', gru.kernel).set('gru/recurrent', gru.recurrent).set('gru/bias', gru.bias).set('gru/recurrent_bias', gru.recurrentBias);
      for (const [i, head] of ['frame', 'attention'].entries()) {
        vars.set(`${head}/kernel`, tf.variable(glorot(2 * c.gruUnits, c.classes.length, seed + 200 + i), true));
        vars.set(`${head}/bias`, tf.variable(tf.zeros([c.classes.length]), true));
      }
      // Starts at zero: the recurrent path alone, until training finds the direct features useful.
      vars.set('direct/kernel', tf.variable(tf.zeros([c.directFeatures.length, c.classes.length]), true));
    });
    return new TaggerHead(c, vars);
  }

  static fromWeights(config: HeadConfig, weights: Record<string, tf.Tensor>): TaggerHead {
    const reference = TaggerHead.create(config, 0);
    let vars: Map<string, tf.Variable>;
    try {
      vars = variablesFromWeights(reference.vars, weights);
    } finally {
      reference.dispose();
    }
    return new TaggerHead(config, vars);
  }

  clone(): TaggerHead {
    return TaggerHead.fromWeights(this.getConfig(), Object.fromEntries(this.namedWeights()));
  }





  /** x [B, W, inputDims]; `training` switches dropout on (input and recurrent-layer input). */
  apply(x: tf.Tensor3D, training?: { dropoutSeed: number }): CbrnnOutput {
    return tf.tidy(() => {
      const c = this.config;
      const [batch, steps, dims] = x.shape;
      const normalised = tf.reshape(tf.mul(tf.sub(x, this.constants.mean), this.constants.invStd), [batch * steps, dims]) as tf.Tensor2D;
      const direct = tf.matMul(tf.matMul(normalised, this.constants.select), this.v('direct/kernel') as tf.Tensor2D);
      let h = normalised;
      if (training && c.dropout > 0) h = tf.dropout(h, c.dropout / 2, undefined, training.dropoutSeed) as tf.Tensor2D;
      h = tf.relu(tf.add(tf.matMul(h, this.v('dense/kernel') as tf.Tensor2D), this.v('dense/bias'))) as tf.Tensor2D;
      if (training && c.dropout > 0) h = tf.dropout(h, c.dropout, undefined, training.dropoutSeed + 1) as tf.Tensor2D;
      const embedding = biGru(tf.reshape(h, [batch, steps, c.hiddenDims]) as tf.Tensor3D, this.gru, { kernel: this.constants.kernelMask, recurrent: this.constants.recurrentMask });
      const flat = tf.reshape(embedding, [batch * steps, 2 * c.gruUnits]) as tf.Tensor2D;
      const out = (name: string, extra?: tf.Tensor) => {
        const y = tf.add(tf.matMul(flat, this.v(`${name}/kernel`) as tf.Tensor2D), this.v(`${name}/bias`));
        return tf.reshape(extra ? tf.add(y, extra) : y, [batch, steps, c.classes.length]) as tf.Tensor3D;
      };
      return { logits: out('frame', direct), attention: out('attention'), embedding };
    });
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    tf.dispose(Object.values(this.constants));
  }

}

/** [dims × picked]: one 1 per column, at the picked feature's row. */
function selection(dims: number, picked: readonly number[]): tf.Tensor2D {
  const m = new Float32Array(dims * picked.length);
  picked.forEach((row, col) => (m[row * picked.length + col] = 1));
  return tf.tensor2d(m, [dims, picked.length]);
}
