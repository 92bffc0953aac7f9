/**
 * Valence models as `models` rows of the project: the serialized config in JSON and every number in
 * one float32 blob. The version is content-addressed, so retraining with other data or settings
 * never overwrites what earlier predictions cite.
 */
import { createHash } from 'node:crypto';
import { badRequest, notFound } from '../../contract/errors.js';
import type { ModelsRepo, StoredModelInfo } from '../../store/repos/models.js';
import type { Normalizer } from '../../valence/data/frame-table.js';
import type { ValenceModel } from '../../valence/model/build-model.js';
import { deserializeModel, serializeModel, type SavedValenceConfig } from '../../valence/model/serialize.js';

export const VALENCE_MODEL_KIND = 'valence';

export interface LoadedValenceModel {
  info: StoredModelInfo;
  model: ValenceModel;
  normalizer: Normalizer;
  saved: SavedValenceConfig;
}

export function saveValenceModel(
  repo: ModelsRepo,
  model: ValenceModel,
  normalizer: Normalizer,
  data: Record<string, unknown>,
  extra: { metrics?: unknown; trainingSummary?: unknown } = {},
): StoredModelInfo {
  const serialized = serializeModel(model, normalizer);
  const config: SavedValenceConfig = { ...serialized.config, data };
  const { weights } = serialized;
  const bytes = new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength);
  const digest = createHash('sha256').update(JSON.stringify(config)).update(bytes).digest('hex').slice(0, 12);
  const version = `${model.config.architecture}-${digest}`;
  // The same version is the same model, byte for byte (e.g. a retrain that reproduced the bundled default): keep the one stored.
  const stored = repo.byVersion(version);
  if (stored) return stored;
  return repo.insert({
    kind: VALENCE_MODEL_KIND,
    architecture: model.config.architecture,
    version,
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
