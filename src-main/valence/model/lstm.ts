/**
 * LSTM baseline of the paper's reference [7]: the DNN's per-modality reduction applied to each frame
 * of a short window, an LSTM over the window, its last state into the two dense layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { perModalityGroups, reduceAll, reductionParams } from './dnn.js';
import { classify, classifierParams, type ForwardMode } from './layers.js';
import { linear } from './linear.js';
import type { ValenceModelConfig } from './model-config.js';
import type { ValenceModel } from './model.js';
import type { Params } from './params.js';

export function createLstm(config: ValenceModelConfig, params: Params): ValenceModel {
  const reductions = reductionParams(params, config);
  const units = config.lstmUnits;
  const inDims = config.reduction * config.inputs.length;
  // Gates side by side in one product per step, in the order input, forget, cell, output.
  const wx = params.add('lstm.wx', [inDims, 4 * units], 'glorot') as tf.Tensor2D;
  const wh = params.add('lstm.wh', [units, 4 * units], 'glorot') as tf.Tensor2D;
  const bias = params.add('lstm.b', [4 * units], 'zeros') as tf.Tensor1D;
  const head = classifierParams(params, units, config.hidden, VALENCE_CLASS_COUNT);

  function logits(inputs: tf.Tensor[], mode: ForwardMode): tf.Tensor2D {
    const x = reduceAll(inputs, reductions); // [b, window, inDims]
    const [b, steps] = x.shape;
    // Input contributions of all steps at once: one large product instead of `window` small ones.
    const xg = linear(x, wx, bias); // [b, window, 4·units]
    let h: tf.Tensor2D = tf.zeros([b, units]);
    let c: tf.Tensor2D = tf.zeros([b, units]);
    for (let t = 0; t < steps; t++) {
      const g = tf.add(tf.reshape(tf.slice(xg, [0, t, 0], [b, 1, 4 * units]), [b, 4 * units]), linear(h, wh, null));
      const [i, f, cand, o] = tf.split(g, 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(cand)));
      h = tf.mul(tf.sigmoid(o), tf.tanh(c));
    }
    return classify(h, head, config.dropout, mode);
  }

  return { config, params, groups: perModalityGroups(config, config.window), logits };
}
