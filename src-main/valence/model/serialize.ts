/**
 * A trained valence model as data: the config, the weight manifest and the input normalization
 * (JSON-ready), and every number in one float32 array (parameters in manifest order, then each
 * modality's mean and 1/std). The project stores the pair as a `models` row.
 */
import type { Normalizer } from '../data/frame-table.js';
import type { Modality } from '../data/modalities.js';
import { buildModel, type ValenceModel } from './build-model.js';
import { Rng } from '../../util/random.js';
import { ARCHITECTURES, type ValenceModelConfig } from './model-config.js';
import { unflatten, type WeightManifestEntry } from './params.js';

/** The JSON half of a saved model (a project keeps it in the models row's `config`). */
export interface SavedValenceConfig {
  model: ValenceModelConfig;
  manifest: WeightManifestEntry[];
  normalization: { modality: Modality; dims: number }[];
  /** How the training data was made, so prediction reads the same inputs. */
  data: Record<string, unknown>;
}

/** The model's config, manifest and normalization (the caller adds how its data was made) and every number in one array. */
export function serializeModel(model: ValenceModel, normalizer: Normalizer): { config: Omit<SavedValenceConfig, 'data'>; weights: Float32Array } {
  const normalization = [...normalizer.entries()].map(([modality, n]) => ({ modality, dims: n.mean.length }));
  const params = model.params.snapshot();
  const parts = [params, ...[...normalizer.values()].flatMap((n) => [n.mean, n.invStd])];
  const weights = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    weights.set(p, at);
    at += p.length;
  }
  return { config: { model: model.config, manifest: model.params.manifest(), normalization }, weights };
}

export function deserializeModel(config: SavedValenceConfig, weights: Float32Array): { model: ValenceModel; normalizer: Normalizer } {
  if (!ARCHITECTURES.includes(config.model?.architecture)) throw new Error('not a valence model config');
  const paramCount = config.manifest.reduce((s, e) => s + e.shape.reduce((a, b) => a * b, 1), 0);
  const normalizer: Normalizer = new Map();
  let at = paramCount;
  for (const { modality, dims } of config.normalization) {
    normalizer.set(modality, { mean: weights.slice(at, at + dims), invStd: weights.slice(at + dims, at + 2 * dims) });
    at += 2 * dims;
  }
  if (at !== weights.length) throw new Error(`stored weights have ${weights.length} values, the config describes ${at}`);
  // Saved weights replace every drawn value: the generator only walks.
  const model = buildModel(config.model, new Rng(0), unflatten(config.manifest, weights.subarray(0, paramCount)));
  return { model, normalizer };
}
