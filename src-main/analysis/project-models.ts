/**
 * The models an analysis of this project uses: per detector group the project's active detector (the
 * one chosen in the model registry; without a choice its newest, as before the registry existed), else
 * the shipped one; and the visual backbone its settings name (see the API service). Detectors travel
 * inside the project file, so a project opened elsewhere analyses the same way.
 */
import type { EventGroup } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';
import { initBackend } from '../ml/backend.js';
import { GROUPS, SoundEventDetector } from '../sed/detector.js';
import { decodeModel, type EncodedModel, type LoadedModel, type ModelFile } from '../sed/model/model-io.js';
import type { Project } from '../store/project.js';
import type { StoredModelInfo } from '../store/repos/models.js';

export const SED_MODEL_KIND = 'sed';

export const groupOfModel = (m: StoredModelInfo) => (m.config as ModelFile).config.group;

/**
 * The project's own detector each group analyses with: the chosen version, else (no choice made) the
 * newest; none where the shipped detector is chosen or the project has none of that group.
 */
export function projectDetectors(project: Project): Partial<Record<EventGroup, StoredModelInfo>> {
  const own = project.models.list(SED_MODEL_KIND);
  const chosen = project.models.activeVersions();
  return Object.fromEntries(
    GROUPS.flatMap((g) => {
      const ofGroup = own.filter((m) => groupOfModel(m) === g);
      const active = chosen[g] === undefined ? ofGroup.at(-1) : ofGroup.find((m) => m.version === chosen[g]);
      return active ? [[g, active]] : [];
    }),
  );
}

/** Stores a trained detector (its model file and weights) in the project. */
export function storeDetector(project: Project, { file, weights }: EncodedModel): StoredModelInfo {
  return project.models.insert({
    kind: SED_MODEL_KIND,
    architecture: file.architecture,
    version: file.version,
    config: file,
    weights,
    metrics: file.validation,
    trainingSummary: file.training,
  });
}

/** A stored detector, built in memory from the project's copy. */
export function storedDetector(project: Project, model: StoredModelInfo): LoadedModel {
  const weights = project.models.weights(model.id);
  if (!weights) throw badRequest(`detector ${model.version} has no weights in this project`);
  return decodeModel({ file: model.config as ModelFile, weights }, `project detector ${model.version}`);
}

/** Both detectors: the project's own where it has them, else the shipped ones. */
export async function loadProjectDetector(project: Project): Promise<SoundEventDetector> {
  const own = Object.entries(projectDetectors(project)) as [EventGroup, StoredModelInfo][];
  // Building a stored detector makes tensors, so the backend comes first.
  await initBackend();
  return SoundEventDetector.load(Object.fromEntries(own.map(([g, model]) => [g, storedDetector(project, model)])));
}
