/** The shape every valence model shares, and how its inputs are laid out in a batch. */
import type * as tf from '@tensorflow/tfjs-core';
import type { Modality, ModalityInput } from '../data/modalities.js';
import { isSemantic } from '../data/modalities.js';
import type { ForwardMode } from './layers.js';
import type { ValenceModelConfig } from './model-config.js';
import type { Params } from './params.js';

/**
 * One input tensor: the listed modalities' (normalized) features side by side, zero-padded to
 * `width`; [batch, width] when `window` is 1, else [batch, window, width] with the predicted frame last.
 */
export interface InputGroup {
  modalities: Modality[];
  width: number;
  window: number;
}

export interface ValenceModel {
  readonly config: ValenceModelConfig;
  readonly params: Params;
  readonly groups: InputGroup[];
  /** Unnormalized class scores [batch, 7]. */
  logits(inputs: tf.Tensor[], mode: ForwardMode): tf.Tensor2D;
}

export const totalDims = (inputs: ModalityInput[]): number => inputs.reduce((n, i) => n + i.dims, 0);

/** Audio-visual context and sound semantics, each as one group of modalities (either may be empty). */
export function splitContext(inputs: ModalityInput[]): { avc: ModalityInput[]; ass: ModalityInput[] } {
  return { avc: inputs.filter((i) => !isSemantic(i.modality)), ass: inputs.filter((i) => isSemantic(i.modality)) };
}
