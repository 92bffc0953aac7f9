/**
 * A model version, wherever it lives, built for a comparison: the project's copy when it holds one,
 * else the shipped default of that version. Only the registry's versions reach here.
 */
import { notFound } from '../../contract/errors.js';
import { defaultModelDir, GROUPS } from '../../sed/detector.js';
import { loadModel, type LoadedModel } from '../../sed/model/model-io.js';
import type { SavedValenceConfig } from '../../valence/model/serialize.js';
import type { Project } from '../../store/project.js';
import { shippedValenceFile, shippedValenceWeights } from '../default-valence-model.js';
import { shippedDetectorFiles } from '../detector-versions.js';
import { SED_MODEL_KIND, storedDetector } from '../project-models.js';
import { VALENCE_MODEL_KIND } from '../valence/model-store.js';
import type { ValenceSnapshot } from '../valence/valence-guard.js';

/** The detector of `version`, in memory, on the backend the API's comparisons start; the caller disposes `model`. */
export async function detectorOf(project: Project, version: string): Promise<LoadedModel> {
  const row = project.models.byVersion(version);
  if (row?.kind === SED_MODEL_KIND) return storedDetector(project, row);
  const files = await shippedDetectorFiles();
  const group = GROUPS.find((g) => files[g]?.version === version);
  if (group) return loadModel(defaultModelDir(group));
  throw notFound(`no detector ${version} in this project or among the shipped defaults`);
}

/** The valence model of `version` as config and weights; `dir`: where the bundled one lives. */
export function valenceOf(project: Project, version: string, dir?: string): ValenceSnapshot {
  const row = project.models.byVersion(version);
  if (row?.kind === VALENCE_MODEL_KIND) return { version, saved: row.config as SavedValenceConfig, weights: project.models.weights(row.id)! };
  const file = shippedValenceFile(dir);
  if (file?.version === version) return { version, saved: file.config as SavedValenceConfig, weights: shippedValenceWeights(dir) };
  throw notFound(`no valence model ${version} in this project or among the shipped defaults`);
}
