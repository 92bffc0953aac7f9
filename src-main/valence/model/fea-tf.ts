/**
 * Fea-TF: a transformer encoder over segments of the feature vector ("spectral" attention, not over
 * time). The audio-visual vector and, when present, the sound-semantic vector are each cut into
 * `tokens` segments; all tokens attend to each other; mean pooling; two dense layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { classify, classifierParams, encoderLayer, encoderParams, tokenize, tokenizerParams, type ForwardMode, type Tokenizer } from './layers.js';
import type { ValenceModelConfig } from './model-config.js';
import { splitContext, totalDims, type InputGroup, type ValenceModel } from './model.js';
import type { Params } from './params.js';

/** The audio-visual group first, then the sound-semantic one; empty groups are left out. */
export function tokenGroups(config: ValenceModelConfig, params: Params): { groups: InputGroup[]; tokenizers: Tokenizer[] } {
  const { avc, ass } = splitContext(config.inputs);
  const present = [
    ['avc', avc],
    ['ass', ass],
  ].filter(([, g]) => (g as unknown[]).length > 0) as [string, typeof avc][];
  const tokenizers = present.map(([name, g]) => tokenizerParams(params, `tokens.${name}`, totalDims(g), config.tokens, config.attentionDims));
  const groups = present.map(([, g], i) => ({
    modalities: g.map((x) => x.modality),
    width: tokenizers[i].tokens * tokenizers[i].segment,
    window: 1,
  }));
  return { groups, tokenizers };
}

export function createFeaTf(config: ValenceModelConfig, params: Params): ValenceModel {
  const { groups, tokenizers } = tokenGroups(config, params);
  const encoders = Array.from({ length: config.encoderLayers }, (_, l) => encoderParams(params, `encoder${l}`, config.attentionDims, config.ffnDims));
  const head = classifierParams(params, config.attentionDims, config.hidden, VALENCE_CLASS_COUNT);

  function logits(inputs: tf.Tensor[], mode: ForwardMode): tf.Tensor2D {
    let x = tf.concat(inputs.map((g, i) => tokenize(g as tf.Tensor2D, tokenizers[i])), 1) as tf.Tensor3D;
    for (const e of encoders) x = encoderLayer(x, e, config.heads, config.dropout, mode);
    return classify(tf.mean(x, 1), head, config.dropout, mode);
  }

  return { config, params, groups, logits };
}
