/**
 * The bundled valence model (trained on the demo corpus) lives in resources/models/valence-default as
 * model.json + weights.bin. A project without a valence model of its own gets a copy in its models
 * table on first use, labelled so the UI can say where the curve comes from.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Project } from '../store/project.js';
import type { StoredModelInfo } from '../store/repos/models.js';
import { VALENCE_MODEL_KIND } from './valence/model-store.js';

export const DEFAULT_VALENCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'models', 'valence-default');
export const DEFAULT_MODEL_LABEL = 'bundled default, trained on the synthetic demo corpus';

export interface ShippedValenceModel {
  architecture: string;
  version: string;
  config: unknown;
  metrics: unknown;
  trainingSummary: unknown;
  label: string;
}

export function exportValenceModel(project: Project, model: StoredModelInfo, dir: string, label = DEFAULT_MODEL_LABEL): void {
  mkdirSync(dir, { recursive: true });
  const file: ShippedValenceModel = { architecture: model.architecture, version: model.version, config: model.config, metrics: model.metrics, trainingSummary: model.trainingSummary, label };
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(file, null, 1)}\n`);
  writeFileSync(join(dir, 'weights.bin'), project.models.weights(model.id)!);
}

/** The bundled model's model.json, or null where it is not installed. */
export function shippedValenceFile(dir = DEFAULT_VALENCE_DIR): ShippedValenceModel | null {
  return existsSync(join(dir, 'model.json')) ? (JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ShippedValenceModel) : null;
}

export const shippedValenceWeights = (dir = DEFAULT_VALENCE_DIR) => new Uint8Array(readFileSync(join(dir, 'weights.bin')));

/**
 * Which valence model predicts, without importing anything: the project's chosen one (none chosen:
 * its newest trained one, as before the registry existed), else the bundled default; `model` is null
 * for a bundled default the project holds no copy of yet. Null when there is none at all.
 */
export function activeValenceModel(project: Project, dir = DEFAULT_VALENCE_DIR): { version: string; model: StoredModelInfo | null; isDefault: boolean } | null {
  const file = shippedValenceFile(dir);
  const chosen = project.models.activeVersions().valence;
  const trained = project.models.list(VALENCE_MODEL_KIND).filter((m) => m.version !== file?.version);
  const active = chosen === undefined ? trained.at(-1) : trained.find((m) => m.version === chosen);
  if (active) return { version: active.version, model: active, isDefault: false };
  return file && { version: file.version, model: project.models.byVersion(file.version), isDefault: true };
}

/** The valence model to predict with (see activeValenceModel); the bundled default is copied into the project on first use. */
export function currentValenceModel(project: Project, dir = DEFAULT_VALENCE_DIR): { model: StoredModelInfo; isDefault: boolean } | null {
  const active = activeValenceModel(project, dir);
  if (!active) return null;
  if (active.model) return { model: active.model, isDefault: active.isDefault };
  const file = shippedValenceFile(dir)!;
  const imported = project.models.insert({
    kind: VALENCE_MODEL_KIND,
    architecture: file.architecture,
    version: file.version,
    config: file.config,
    weights: shippedValenceWeights(dir),
    metrics: file.metrics,
    trainingSummary: { ...(file.trainingSummary as object), label: file.label },
  });
  return { model: imported, isDefault: true };
}
