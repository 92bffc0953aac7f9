/**
 * Which detector versions a project's sound-semantics descriptors come from, and whether a valence
 * model was trained on the same ones. A valence model reads the detectors' activity and embedding;
 * after the detectors are retrained those inputs mean something else, so the model should be retrained
 * too, and the app says so instead of silently predicting from inputs it never saw.
 */
import type { EventGroup } from '../contract/domain.js';
import { GROUPS, defaultModelDir } from '../sed/detector.js';
import { readModelFile, type ModelFile } from '../sed/model/model-io.js';
import type { Project } from '../store/project.js';
import type { StoredModelInfo } from '../store/repos/models.js';
import { projectDetectors } from './project-models.js';

export type DetectorVersions = Partial<Record<EventGroup, string>>;

/** The shipped detectors do not change while the app runs: their model.json is read once. */
let shipped: Promise<Partial<Record<EventGroup, ModelFile>>> | null = null;

/** The shipped detectors' model files, by group (a group whose folder is missing is left out). */
export const shippedDetectorFiles = () =>
  (shipped ??= Promise.all(GROUPS.map(async (g) => [g, await readModelFile(defaultModelDir(g)).catch(() => null)] as const)).then((files) =>
    Object.fromEntries(files.flatMap(([g, file]) => (file ? [[g, file]] : []))),
  ));

const shippedVersions = async (): Promise<DetectorVersions> =>
  Object.fromEntries(Object.entries(await shippedDetectorFiles()).map(([g, file]) => [g, file.version]));

/** The version of each detector an analysis of this project runs: its own active one, else the shipped one. */
export async function currentDetectorVersions(project: Project): Promise<DetectorVersions> {
  const own = projectDetectors(project);
  const fallback = await shippedVersions();
  return Object.fromEntries(GROUPS.map((g) => [g, own[g]?.version ?? fallback[g]]));
}

/** The detector versions a stored valence model recorded at training (none for annotated semantics or older models). */
export function trainedOnDetectors(model: StoredModelInfo): DetectorVersions {
  const data = (model.config as { data?: { detectors?: DetectorVersions } } | null)?.data;
  return data?.detectors ?? {};
}

/**
 * A sentence for people when `model` was trained on other detectors' output than `current`, else
 * null. A model that recorded nothing (annotated semantics, or saved before versions were recorded)
 * cannot be checked and passes.
 */
export function staleSemantics(model: StoredModelInfo, current: DetectorVersions): string | null {
  const trained = trainedOnDetectors(model);
  const changed = GROUPS.filter((g) => trained[g] && current[g] && trained[g] !== current[g]);
  if (changed.length === 0) return null;
  const list = changed.map((g) => `${g} ${trained[g]} → ${current[g]}`).join(', ');
  return `trained on other detectors' sound semantics (${list}); retrain the valence model`;
}

/** staleSemantics against the detectors this project analyses with now. */
export async function staleForProject(project: Project, model: StoredModelInfo): Promise<string | null> {
  return staleSemantics(model, await currentDetectorVersions(project));
}
