/**
 * The attentive convolutional bidirectional recurrent network (CBRNN) of the paper's reference [18],
 * sized for a laptop CPU:
 *
 *   log-mel [B, T, 64] (10 ms frames) → normalise per band → 4 frames stacked as channels
 *   → [B, T/4, 64, 4] at 25 Hz → 3 × (3×3 conv, max-pool frequency by 4, batch norm, ReLU)
 *   → [B, T/4, C]
 *   → BiGRU → embedding [B, T/4, 2H] → frame logits [B, T/4, K] and attention logits [B, T/4, K].
 *
 * Frame activity is sigmoid(frame logits), one multi-label column per class, at the 25 Hz of the
 * valence frames. Attention pooling (a softmax over time per class) turns frame activity into a
 * clip-level probability, trained alongside the frame labels. Batch norm and ReLU come after the
 * pooling, on a quarter of the values; batch norm uses batch statistics while training (the caller
 * folds them into moving averages) and the moving averages at inference.
 */
import * as tf from '@tensorflow/tfjs-core';
import { biGru, directionMask, initBiGru, type BiGruWeights } from './bigru.js';
import { checkConfig, type CbrnnConfig } from './config.js';
import { NamedVariables, variablesFromWeights } from './named-weights.js';

/** Per conv block, the batch mean and variance of its pre-activation channels (training only). */
export type BatchMoments = Array<{ mean: tf.Tensor1D; variance: tf.Tensor1D }>;

export interface CbrnnOutput {
  /** [B, T/4, K] */
  logits: tf.Tensor3D;
  /** [B, T/4, K], softmax over time gives each class's pooling weights. */
  attention: tf.Tensor3D;
  /** [B, T/4, 2H] */
  embedding: tf.Tensor3D;
}

const CONV_KERNEL = 3;
export const BN_EPSILON = 1e-3;
/** Weight of the old moving statistics per training step. */
const BN_MOMENTUM = 0.9;

export class Cbrnn extends NamedVariables<CbrnnConfig> {
  private readonly gru: BiGruWeights;
  private readonly constants: { mean: tf.Tensor; invStd: tf.Tensor; kernelMask: tf.Tensor2D; recurrentMask: tf.Tensor2D };

  private constructor(config: CbrnnConfig, vars: Map<string, tf.Variable>) {
    super(checkConfig(config, 'the model configuration'), vars);
    const c = this.config;
    const units = c.gruUnits;
    this.gru = {
      kernel: this.v('gru/kernel'),
      recurrent: this.v('gru/recurrent'),
      bias: this.v('gru/bias'),
      recurrentBias: this.v('gru/recurrent_bias'),
    };
    this.constants = tf.tidy(() => ({
      mean: tf.keep(tf.tensor1d(c.inputMean)),
      invStd: tf.keep(tf.div(1, tf.tensor1d(c.inputStd))),
      kernelMask: tf.keep(directionMask(c.convChannels[2], units)),
      recurrentMask: tf.keep(directionMask(units, units)),
    }));
  }

  /** A freshly initialised network (He-uniform convolutions, Glorot elsewhere), reproducible by seed. */
  static create(config: CbrnnConfig, seed: number): Cbrnn {
    const c = checkConfig(config, 'the model configuration');
    // Variables stay unnamed (tfjs names are process-wide and several models live side by side);
    // the map's keys name them in saved files.
    const vars = new Map<string, tf.Variable>();
    tf.tidy(() => {
      let inCh = c.framesPerStep;
      c.convChannels.forEach((outCh, i) => {
        const limit = Math.sqrt(6 / (CONV_KERNEL * CONV_KERNEL * inCh));
        const name = `conv${i + 1}`;
        vars.set(`${name}/kernel`, tf.variable(tf.randomUniform([CONV_KERNEL, CONV_KERNEL, inCh, outCh], -limit, limit, 'float32', seed + 10 * i), true));
        vars.set(`${name}/gamma`, tf.variable(tf.ones([outCh]), true));
        vars.set(`${name}/beta`, tf.variable(tf.zeros([outCh]), true));
        vars.set(`${name}/moving_mean`, tf.variable(tf.zeros([outCh]), false));
        vars.set(`${name}/moving_variance`, tf.variable(tf.ones([outCh]), false));
        inCh = outCh;
      });
      const gru = initBiGru(c.convChannels[2], c.gruUnits, seed + 100);
      vars.set('gru/kernel', gru.kernel).set('gru/recurrent', gru.recurrent).set('gru/bias', gru.bias).set('gru/recurrent_bias', gru.recurrentBias);
      const k = c.classes.length;
      const limit = Math.sqrt(6 / (2 * c.gruUnits + k));
      for (const [i, head] of ['frame', 'attention'].entries()) {
        vars.set(`${head}/kernel`, tf.variable(tf.randomUniform([2 * c.gruUnits, k], -limit, limit, 'float32', seed + 200 + i), true));
        vars.set(`${head}/bias`, tf.variable(tf.zeros([k]), true));
      }
    });
    return new Cbrnn(c, vars);
  }

  /** A network from saved weights; shapes must match what `config` builds. */
  static fromWeights(config: CbrnnConfig, weights: Record<string, tf.Tensor>): Cbrnn {
    const reference = Cbrnn.create(config, 0);
    let vars: Map<string, tf.Variable>;
    try {
      vars = variablesFromWeights(reference.vars, weights);
    } finally {
      reference.dispose();
    }
    return new Cbrnn(config, vars);
  }

  /** An independent copy (same config and weights), e.g. to fine-tune without touching the original. */
  clone(): Cbrnn {
    const weights = Object.fromEntries(this.namedWeights());
    return Cbrnn.fromWeights(this.getConfig(), weights);
  }




  /** Folds one step's batch moments into the moving statistics. */
  updateMovingStatistics(moments: BatchMoments): void {
    tf.tidy(() => {
      moments.forEach(({ mean, variance }, i) => {
        const mm = this.v(`conv${i + 1}/moving_mean`);
        const mv = this.v(`conv${i + 1}/moving_variance`);
        mm.assign(tf.add(tf.mul(mm, BN_MOMENTUM), tf.mul(mean, 1 - BN_MOMENTUM)));
        mv.assign(tf.add(tf.mul(mv, BN_MOMENTUM), tf.mul(variance, 1 - BN_MOMENTUM)));
      });
    });
  }


  /**
   * logMel [B, T, bands] with T a multiple of framesPerStep. `training` switches on dropout before
   * the recurrent layer and batch statistics, whose moments are pushed (kept) onto `moments`.
   */
  apply(logMel: tf.Tensor3D, training?: { dropoutSeed: number; moments: BatchMoments }): CbrnnOutput {
    return tf.tidy(() => {
      const c = this.config;
      const [batch, frames, bands] = logMel.shape;
      if (frames % c.framesPerStep !== 0) throw new Error(`input frames (${frames}) must be a multiple of ${c.framesPerStep}`);
      const steps = frames / c.framesPerStep;
      const normalised = tf.mul(tf.sub(logMel, this.constants.mean), this.constants.invStd);
      // [B, steps, 4, bands] → [B, steps, bands, 4]: time × frequency image, sub-frames as channels.
      let a = tf.transpose(tf.reshape(normalised, [batch, steps, c.framesPerStep, bands]), [0, 1, 3, 2]) as tf.Tensor4D;
      for (let i = 1; i <= c.convChannels.length; i++) {
        const pool = c.freqPools[i - 1];
        const pooled = tf.maxPool(tf.conv2d(a, this.v(`conv${i}/kernel`) as tf.Tensor4D, 1, 'same'), [1, pool], [1, pool], 'valid');
        a = training ? this.normaliseTraining(pooled, i, training.moments) : this.normaliseInference(pooled, i);
      }
      const [, , width, channels] = a.shape;
      let sequence = tf.reshape(a, [batch, steps, width * channels]) as tf.Tensor3D;
      if (training && c.dropout > 0) sequence = tf.dropout(sequence, c.dropout, undefined, training.dropoutSeed) as tf.Tensor3D;
      const embedding = biGru(sequence, this.gru, { kernel: this.constants.kernelMask, recurrent: this.constants.recurrentMask });
      const flat = tf.reshape(embedding, [batch * steps, embedding.shape[2]]) as tf.Tensor2D;
      const head = (name: string) =>
        tf.reshape(tf.add(tf.matMul(flat, this.v(`${name}/kernel`) as tf.Tensor2D), this.v(`${name}/bias`)), [batch, steps, c.classes.length]) as tf.Tensor3D;
      return { logits: head('frame'), attention: head('attention'), embedding };
    });
  }

  /** Batch norm on this batch's statistics, then ReLU. */
  private normaliseTraining(y: tf.Tensor4D, i: number, moments: BatchMoments): tf.Tensor4D {
    const [n, h, w, ch] = y.shape;
    // Statistics over a 2-D view: wasm reduces the leading axis of [positions, channels] quickly.
    const flat = tf.reshape(y, [n * h * w, ch]) as tf.Tensor2D;
    const mean = tf.mean(flat, 0) as tf.Tensor1D;
    const centred = tf.sub(flat, mean);
    const variance = tf.mean(tf.square(centred), 0) as tf.Tensor1D;
    moments.push({ mean: tf.keep(mean), variance: tf.keep(variance) });
    const scale = tf.mul(this.v(`conv${i}/gamma`), tf.rsqrt(tf.add(variance, BN_EPSILON)));
    return tf.reshape(tf.relu(tf.add(tf.mul(centred, scale), this.v(`conv${i}/beta`))), [n, h, w, ch]) as tf.Tensor4D;
  }

  /** Batch norm on the moving statistics as one scale and shift, then ReLU. */
  private normaliseInference(y: tf.Tensor4D, i: number): tf.Tensor4D {
    const scale = tf.mul(this.v(`conv${i}/gamma`), tf.rsqrt(tf.add(this.v(`conv${i}/moving_variance`), BN_EPSILON)));
    const shift = tf.sub(this.v(`conv${i}/beta`), tf.mul(this.v(`conv${i}/moving_mean`), scale));
    return tf.relu(tf.add(tf.mul(y, scale), shift)) as tf.Tensor4D;
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    tf.dispose(Object.values(this.constants));
  }

}

/** Attention pooling: Σ_t softmax_t(attention) · sigmoid(logits), per clip and class → [B, K]. */
export function clipProbability(out: Pick<CbrnnOutput, 'logits' | 'attention'>): tf.Tensor2D {
  return tf.tidy(() => {
    const weights = tf.softmax(tf.transpose(out.attention, [0, 2, 1])); // over time, per class
    const activity = tf.transpose(tf.sigmoid(out.logits), [0, 2, 1]);
    return tf.sum(tf.mul(weights, activity), 2) as tf.Tensor2D;
  });
}
