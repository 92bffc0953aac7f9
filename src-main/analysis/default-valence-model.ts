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

interface ModelFile {
  architecture: string;
  version: string;
  config: unknown;
  metrics: unknown;
  trainingSummary: unknown;
  label: string;
}

export function exportValenceModel(project: Project, model: StoredModelInfo, dir: string, label = DEFAULT_MODEL_LABEL): void {
  mkdirSync(dir, { recursive: true });
  const file: ModelFile = { architecture: model.architecture, version: model.version, config: model.config, metrics: model.metrics, trainingSummary: model.trainingSummary, label };
  writeFileSync(join(dir, 'model.json'), `${JSON.stringify(file, null, 1)}\n`);
  writeFileSync(join(dir, 'weights.bin'), project.models.weights(model.id)!);
}

/** The valence model to predict with: the project's newest, else the bundled default (imported once). */
export function currentValenceModel(project: Project, dir = DEFAULT_VALENCE_DIR): { model: StoredModelInfo; isDefault: boolean } | null {
  const own = project.models.list(VALENCE_MODEL_KIND);
  const file = existsSync(join(dir, 'model.json')) ? (JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelFile) : null;
  const trained = own.filter((m) => m.version !== file?.version);
  if (trained.length > 0) return { model: trained[trained.length - 1], isDefault: false };
  if (!file) return null;
  const imported =
    project.models.byVersion(file.version) ??
    project.models.insert({
      kind: VALENCE_MODEL_KIND,
      architecture: file.architecture,
      version: file.version,
      config: file.config,
      weights: new Uint8Array(readFileSync(join(dir, 'weights.bin'))),
      metrics: file.metrics,
      trainingSummary: { ...(file.trainingSummary as object), label: file.label },
    });
  return { model: imported, isDefault: true };
}
