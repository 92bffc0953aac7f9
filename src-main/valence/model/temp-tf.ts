/**
 * Temp-TF: the same encoder attending across time. Tokens are the frames of a window, each frame's
 * whole feature vector embedded by one linear map plus a position embedding; mean pooling; two
 * dense layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { classify, classifierParams, dense, denseParams, encoderLayer, encoderParams, type ForwardMode } from './layers.js';
import type { ValenceModelConfig } from './model-config.js';
import { totalDims, type ValenceModel } from './model.js';
import type { Params } from './params.js';

export function createTempTf(config: ValenceModelConfig, params: Params): ValenceModel {
  const d = config.attentionDims;
  const width = totalDims(config.inputs);
  const embed = denseParams(params, 'frames.embed', width, d);
  const position = params.add('frames.position', [config.window, d], 'embedding');
  const encoders = Array.from({ length: config.encoderLayers }, (_, l) => encoderParams(params, `encoder${l}`, d, config.ffnDims));
  const head = classifierParams(params, d, config.hidden, VALENCE_CLASS_COUNT);

  function logits(inputs: tf.Tensor[], mode: ForwardMode): tf.Tensor2D {
    let x = tf.add(dense(inputs[0], embed), position) as tf.Tensor3D; // [b, window, d]
    for (const e of encoders) x = encoderLayer(x, e, config.heads, config.dropout, mode);
    return classify(tf.mean(x, 1), head, config.dropout, mode);
  }

  const groups = [{ modalities: config.inputs.map((i) => i.modality), width, window: config.window }];
  return { config, params, groups, logits };
}
