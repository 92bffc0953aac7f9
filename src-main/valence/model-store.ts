/**
 * A trained valence model as a `models` row: the config, the weight manifest and the input
 * normalization in JSON, every number in one float32 blob (parameters in manifest order, then
 * each modality's mean and 1/std). The version is content-addressed, so retraining with other
 * data or settings never overwrites what earlier predictions cite.
 */
import { createHash } from 'node:crypto';
import { badRequest, notFound } from '../contract/errors.js';
import type { ModelsRepo, StoredModelInfo } from '../store/repos/models.js';
import type { Normalizer } from './frame-table.js';
import type { Modality } from './modalities.js';
import { ARCHITECTURES, type ValenceModelConfig } from './model-config.js';
import { buildModel, type ValenceModel } from './models/index.js';
import { unflatten, type WeightManifestEntry } from './params.js';

export const VALENCE_MODEL_KIND = 'valence';

/** What the `config` column holds for a valence model. */
export interface SavedValenceConfig {
  model: ValenceModelConfig;
  manifest: WeightManifestEntry[];
  normalization: { modality: Modality; dims: number }[];
  /** How the training data was made, so prediction reads the same inputs. */
  data: Record<string, unknown>;
}

export interface LoadedValenceModel {
  info: StoredModelInfo;
  model: ValenceModel;
  normalizer: Normalizer;
  saved: SavedValenceConfig;
}

export function serializeModel(model: ValenceModel, normalizer: Normalizer, data: Record<string, unknown>): { config: SavedValenceConfig; weights: Float32Array } {
  const normalization = [...normalizer.entries()].map(([modality, n]) => ({ modality, dims: n.mean.length }));
  const params = model.params.snapshot();
  const parts = [params, ...[...normalizer.values()].flatMap((n) => [n.mean, n.invStd])];
  const weights = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    weights.set(p, at);
    at += p.length;
  }
  return { config: { model: model.config, manifest: model.params.manifest(), normalization, data }, weights };
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
  const model = buildModel(config.model, 0, unflatten(config.manifest, weights.subarray(0, paramCount)));
  return { model, normalizer };
}

export function saveValenceModel(
  repo: ModelsRepo,
  model: ValenceModel,
  normalizer: Normalizer,
  data: Record<string, unknown>,
  extra: { metrics?: unknown; trainingSummary?: unknown } = {},
): StoredModelInfo {
  const { config, weights } = serializeModel(model, normalizer, data);
  const bytes = new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength);
  const digest = createHash('sha256').update(JSON.stringify(config)).update(bytes).digest('hex').slice(0, 12);
  return repo.insert({
    kind: VALENCE_MODEL_KIND,
    architecture: model.config.architecture,
    version: `${model.config.architecture}-${digest}`,
    config,
    weights: bytes,
    ...extra,
  });
}

/** Loads by id or version; the caller disposes `model.params`. */
export function loadValenceModel(repo: ModelsRepo, idOrVersion: number | string): LoadedValenceModel {
  const info = typeof idOrVersion === 'number' ? repo.get(idOrVersion) : repo.byVersion(idOrVersion);
  if (!info || info.kind !== VALENCE_MODEL_KIND) throw notFound(`no valence model ${idOrVersion} in this project`);
  const blob = repo.weights(info.id);
  if (!blob) throw badRequest(`valence model ${info.version} has no weights`);
  const weights = new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  const saved = info.config as SavedValenceConfig;
  return { info, saved, ...deserializeModel(saved, weights) };
}
