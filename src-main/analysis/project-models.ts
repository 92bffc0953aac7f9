/**
 * The models an analysis of this project uses: the project's own newest sound event detectors (stored
 * in its models table after retraining), else the shipped ones; and the visual backbone its settings
 * name (see the API service). Detectors travel inside the project file, so a project opened elsewhere analyses the same way.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventGroup } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';
import { GROUPS, SoundEventDetector } from '../sed/detector.js';
import { MODEL_FILE, WEIGHTS_FILE, type ModelFile } from '../sed/model/model-io.js';
import type { Project } from '../store/project.js';
import type { StoredModelInfo } from '../store/repos/models.js';

export const SED_MODEL_KIND = 'sed';

const groupOfModel = (m: StoredModelInfo) => (m.config as ModelFile).config.group;

/** The project's newest detector of each group, where it has one. */
export function projectDetectors(project: Project): Partial<Record<EventGroup, StoredModelInfo>> {
  const own = project.models.list(SED_MODEL_KIND);
  return Object.fromEntries(
    GROUPS.flatMap((g) => {
      const newest = own.filter((m) => groupOfModel(m) === g).pop();
      return newest ? [[g, newest]] : [];
    }),
  );
}

/** Stores a trained detector folder (model.json + weights.bin) in the project. */
export function storeDetector(project: Project, dir: string): StoredModelInfo {
  const file = JSON.parse(readFileSync(join(dir, MODEL_FILE), 'utf8')) as ModelFile;
  return project.models.insert({
    kind: SED_MODEL_KIND,
    architecture: file.architecture,
    version: file.version,
    config: file,
    weights: new Uint8Array(readFileSync(join(dir, WEIGHTS_FILE))),
    metrics: file.validation,
    trainingSummary: file.training,
  });
}

/** Writes a stored detector out as the folder its loader reads. */
export function writeDetectorFolder(project: Project, model: StoredModelInfo, dir: string): string {
  const weights = project.models.weights(model.id);
  if (!weights) throw badRequest(`detector ${model.version} has no weights in this project`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MODEL_FILE), JSON.stringify(model.config));
  writeFileSync(join(dir, WEIGHTS_FILE), weights);
  return dir;
}

/** Both detectors: the project's own where it has them (written to a temporary folder for the loader). */
export async function loadProjectDetector(project: Project): Promise<SoundEventDetector> {
  const own = Object.entries(projectDetectors(project)) as [EventGroup, StoredModelInfo][];
  if (own.length === 0) return SoundEventDetector.load();
  const tmp = mkdtempSync(join(tmpdir(), 'vs-sed-'));
  try {
    return await SoundEventDetector.load(Object.fromEntries(own.map(([g, model]) => [g, writeDetectorFolder(project, model, join(tmp, g))])));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
