/**
 * What defines a valence model, saved beside its weights so a stored model rebuilds exactly
 * (STYLE §4: config in, reference numbers out). `formatVersion` changes whenever the meaning of a
 * field or the weight layout changes; older stored models then refuse to load instead of
 * silently predicting nonsense.
 */
import { ARCHITECTURES, ARCHITECTURE_TITLES, type Architecture } from '../../contract/domain.js';
import type { AvModality, EventSetting, ModalityInput } from '../data/modalities.js';

export { ARCHITECTURES, ARCHITECTURE_TITLES, type Architecture };

/** Cross-modal models attend between the two groups, so they need sound semantics. */
export const needsSemantics = (a: Architecture): boolean => a === 'fea-tf-cma' || a === 'fea-tf-scma';

/** The transformer models (feature- or time-wise attention); the evaluation explains their predictions. */
export const isTransformer = (a: Architecture): boolean => a !== 'dnn' && a !== 'lstm';

/** Why a model cannot run with these inputs, or null when it can. */
export function inputsBlocker(model: Architecture, events: EventSetting, av: readonly AvModality[]): string | null {
  if (needsSemantics(model) && events === 'none') return `${ARCHITECTURE_TITLES[model]} attends across modalities and needs sound semantics`;
  if (needsSemantics(model) && av.length === 0) return `${ARCHITECTURE_TITLES[model]} needs audio-visual descriptors`;
  if (av.length === 0 && events === 'none') return 'no inputs: no audio-visual descriptors and no events';
  return null;
}

export const MODEL_FORMAT_VERSION = 1;

export interface ValenceModelConfig {
  formatVersion: number;
  architecture: Architecture;
  /** Modalities in the order the model reads them. */
  inputs: ModalityInput[];
  /** DNN/LSTM: each modality is linearly reduced to this many features (paper's ref. [7]: 128). */
  reduction: number;
  /** Width of the first of the two final dense layers. */
  hidden: number;
  /** Attention (model) dimensions: 64 in the paper. */
  attentionDims: number;
  heads: number;
  /** Feed-forward width inside each transformer encoder layer. */
  ffnDims: number;
  encoderLayers: number;
  /** Feature-based models: tokens each group's feature vector is cut into (equal for both groups). */
  tokens: number;
  /** LSTM/Temp-TF: frames per window, ending at the predicted frame. */
  window: number;
  /** Frames between window rows at 25 Hz (the training frame stride, so windows look alike). */
  windowStep: number;
  /** LSTM hidden units. */
  lstmUnits: number;
  dropout: number;
}

export const DEFAULT_MODEL: Omit<ValenceModelConfig, 'architecture' | 'inputs'> = {
  formatVersion: MODEL_FORMAT_VERSION,
  reduction: 128,
  hidden: 64,
  attentionDims: 64,
  heads: 4,
  ffnDims: 128,
  encoderLayers: 1,
  tokens: 8,
  window: 5,
  windowStep: 5,
  lstmUnits: 64,
  dropout: 0.1,
};

/** Architecture settings beyond the defaults (sizes, tokens, window…). */
export type ModelOverrides = Partial<Omit<ValenceModelConfig, 'architecture' | 'inputs' | 'formatVersion'>>;

export function modelConfig(architecture: Architecture, inputs: ModalityInput[], overrides: ModelOverrides = {}): ValenceModelConfig {
  const config = { ...DEFAULT_MODEL, ...overrides, architecture, inputs: inputs.map((i) => ({ ...i })) };
  if (config.attentionDims % config.heads !== 0) throw new Error(`attentionDims ${config.attentionDims} is not divisible by ${config.heads} heads`);
  if (inputs.length === 0) throw new Error('a valence model needs at least one input modality');
  // With one frame their inputs are 2-D: Temp-TF fails and the LSTM would read features as time steps.
  if ((architecture === 'lstm' || architecture === 'temp-tf') && config.window < 2) {
    throw new Error(`${ARCHITECTURE_TITLES[architecture]} reads a window of frames: window must be at least 2, got ${config.window}`);
  }
  return config;
}
