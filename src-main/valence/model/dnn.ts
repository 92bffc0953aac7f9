/**
 * DNN baseline of the paper's reference [7]: each modality linearly reduced to 128 features, the
 * reductions concatenated, then two dense layers. LSTM (lstm.ts) shares the reduction.
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { classify, classifierParams, dense, denseParams, type Dense, type ForwardMode } from './layers.js';
import type { ValenceModelConfig } from './model-config.js';
import type { InputGroup, ValenceModel } from './model.js';
import { Params } from './params.js';

export function reductionParams(p: Params, config: ValenceModelConfig): Dense[] {
  return config.inputs.map((i) => denseParams(p, `reduce.${i.modality}`, i.dims, config.reduction));
}

/** One group per modality, so each has its own reduction. */
export const perModalityGroups = (config: ValenceModelConfig, window: number): InputGroup[] =>
  config.inputs.map((i) => ({ modalities: [i.modality], width: i.dims, window }));

/** Reduces every frame of every group and concatenates: [b, …, Σ reduction]. */
export function reduceAll(inputs: tf.Tensor[], reductions: Dense[]): tf.Tensor {
  return tf.concat(inputs.map((x, i) => dense(x, reductions[i])), -1);
}

export function createDnn(config: ValenceModelConfig, params: Params): ValenceModel {
  const reductions = reductionParams(params, config);
  const head = classifierParams(params, config.reduction * config.inputs.length, config.hidden, VALENCE_CLASS_COUNT);
  return {
    config,
    params,
    groups: perModalityGroups(config, 1),
    logits: (inputs: tf.Tensor[], mode: ForwardMode) => classify(reduceAll(inputs, reductions), head, config.dropout, mode),
  };
}
