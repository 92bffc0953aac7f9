/**
 * Fea-TF CMA and Fea-TF SCMA (section II-D). Both cut the audio-visual context (avc) and the
 * acoustic sound semantics (ass) into the same number of segment tokens. SCMA first runs a
 * self-attention encoder per modality; CMA goes straight to cross-modal attention. Then eqs. (3)
 * and (4), fusion (the two enhanced token sequences side by side), mean pooling, two dense layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { crossModalAttention } from './attention.js';
import { tokenGroups } from './fea-tf.js';
import { attentionParams, classify, classifierParams, encoderLayer, encoderParams, tokenize, type EncoderLayer, type ForwardMode } from './layers.js';
import type { ValenceModelConfig } from './model-config.js';
import type { ValenceModel } from './model.js';
import type { Params } from './params.js';

export function createFeaTfCross(config: ValenceModelConfig, params: Params): ValenceModel {
  const selfFirst = config.architecture === 'fea-tf-scma';
  const { groups, tokenizers } = tokenGroups(config, params);
  if (groups.length !== 2 || groups[1].modalities.length === 0) {
    throw new Error(`${config.architecture} needs both audio-visual and sound-semantic inputs`);
  }
  const d = config.attentionDims;
  const selfEncoders: EncoderLayer[][] = selfFirst
    ? ['avc', 'ass'].map((g) => Array.from({ length: config.encoderLayers }, (_, l) => encoderParams(params, `${g}.encoder${l}`, d, config.ffnDims)))
    : [[], []];
  const crossAvc = attentionParams(params, 'cross.avc', d);
  const crossAss = attentionParams(params, 'cross.ass', d);
  const head = classifierParams(params, 2 * d, config.hidden, VALENCE_CLASS_COUNT);

  function logits(inputs: tf.Tensor[], mode: ForwardMode): tf.Tensor2D {
    const [avc, ass] = inputs.map((g, i) => {
      let x = tokenize(g as tf.Tensor2D, tokenizers[i]);
      for (const e of selfEncoders[i]) x = encoderLayer(x, e, config.heads, config.dropout, mode);
      return x;
    });
    const [fAss, fAvc] = crossModalAttention(ass, avc, crossAss, crossAvc, config.heads);
    const fused = tf.concat([fAss, fAvc], 2); // [b, tokens, 2d]
    return classify(tf.mean(fused, 1), head, config.dropout, mode);
  }

  return { config, params, groups, logits };
}
