/**
 * The model registry: every detector and valence model of the project and the shipped defaults, with
 * what each reads, was trained on and scored on held-out material, and which one each role analyses
 * with; and the actions on it (activate, revert to the shipped default, rename, delete). The API's
 * models.* methods and the CLI's `models` command both go through here.
 */
import type { EventGroup } from '../contract/domain.js';
import type { ModelRole, RegistryModel } from '../contract/api.js';
import { badRequest, notFound } from '../contract/errors.js';
import { activeValenceModel, shippedValenceFile } from '../analysis/default-valence-model.js';
import { currentDetectorVersions, shippedDetectorFiles, type DetectorVersions } from '../analysis/detector-versions.js';
import { groupOfModel, projectDetectors, SED_MODEL_KIND } from '../analysis/project-models.js';
import { VALENCE_MODEL_KIND } from '../analysis/valence/model-store.js';
import type { Project } from '../store/project.js';
import type { StoredModelInfo } from '../store/repos/models.js';
import { modelInfo } from './model-info.js';

const ROLE_WORDS: Record<ModelRole, string> = { verbal: 'verbal detector', nonverbal: 'non-verbal detector', valence: 'valence model' };

/** A model as the registry reads it: a project row, or a shipped model file in the same shape (no id until copied in). */
type Candidate = Omit<StoredModelInfo, 'id' | 'createdAt'> & { id: number | null; createdAt: string | null; shipped: boolean };

/** The shipped defaults, from their folders; `valenceDir`: where the bundled valence model lives (the one Analyze reads). */
async function readShipped(project: Project, valenceDir?: string): Promise<Candidate[]> {
  const detectors = Object.values(await shippedDetectorFiles()).map(
    (f): Candidate => ({ id: null, kind: SED_MODEL_KIND, architecture: f.architecture, version: f.version, name: null, config: f, metrics: f.validation, trainingSummary: f.training, createdAt: f.createdAt, shipped: true }),
  );
  const v = shippedValenceFile(valenceDir);
  const valence: Candidate[] = v
    ? [{ id: null, kind: VALENCE_MODEL_KIND, architecture: v.architecture, version: v.version, name: null, config: v.config, metrics: v.metrics, trainingSummary: { ...(v.trainingSummary as object), label: v.label }, createdAt: null, shipped: true }]
    : [];
  // The bundled valence model is copied into a project on first use: the copy is the shipped entry, with its row.
  return [...detectors, ...valence].map((c) => {
    const copy = project.models.byVersion(c.version);
    return copy ? { ...copy, shipped: true } : c;
  });
}

const roleOf = (c: Candidate): ModelRole => (c.kind === VALENCE_MODEL_KIND ? 'valence' : groupOfModel(c as StoredModelInfo));

/** The version each role analyses with now (see projectDetectors and activeValenceModel). */
function activeVersions(project: Project, shipped: Candidate[], valenceDir?: string): Partial<Record<ModelRole, string>> {
  const own = projectDetectors(project);
  const shippedOf = (role: ModelRole) => shipped.find((c) => roleOf(c) === role)?.version;
  const detector = (g: EventGroup) => own[g]?.version ?? shippedOf(g);
  return { verbal: detector('verbal'), nonverbal: detector('nonverbal'), valence: activeValenceModel(project, valenceDir)?.version };
}

interface Recorded {
  tagger?: string;
  data?: { recordings?: { events: number }[]; trainMovies?: number[]; validationMovie?: number | null; events?: string; semantics?: string };
  model?: { inputs?: { modality: string }[] };
  labels?: string;
  label?: string;
  recipe?: string;
  note?: string;
  segmentBased?: { classWiseAverage?: { fMeasure?: number } };
  validation?: { movie: number; acc: number };
}

const read = (x: unknown): Recorded => (x ?? {}) as Recorded;

function detectorFacts(c: Candidate): Pick<RegistryModel, 'inputs' | 'training' | 'heldOut'> {
  const config = read((c.config as { config?: unknown }).config);
  const training = read(c.trainingSummary);
  const recordings = training.data?.recordings;
  const metrics = read(c.metrics);
  return {
    inputs: { frontEnd: config.tagger ? `${config.tagger} tagger embeddings` : 'log-mel spectrogram' },
    training: {
      films: recordings ? recordings.length : null,
      events: recordings ? recordings.reduce((n, r) => n + r.events, 0) : null,
      raters: null,
      note: c.shipped ? `synthetic soundscapes (${training.recipe ?? 'shipped recipe'})` : null,
    },
    heldOut: { metric: 'macro segment F1', value: metrics.segmentBased?.classWiseAverage?.fMeasure ?? null, note: metrics.note ?? null },
  };
}

function valenceFacts(c: Candidate): Pick<RegistryModel, 'inputs' | 'training' | 'heldOut'> {
  const config = read(c.config);
  const data = config.data ?? {};
  const summary = read(c.trainingSummary);
  const validation = read(c.metrics).validation;
  const films = data.trainMovies ? data.trainMovies.length + (typeof data.validationMovie === 'number' ? 1 : 0) : null;
  return {
    inputs: { modalities: config.model?.inputs?.map((i) => i.modality) ?? [], events: data.events, semantics: data.semantics },
    training: { films, events: null, raters: summary.labels ?? null, note: summary.label ?? null },
    heldOut: { metric: 'Acc', value: validation?.acc ?? null, note: validation ? `validation film ${validation.movie}` : null },
  };
}

function entry(c: Candidate, active: Partial<Record<ModelRole, string>>, detectors: DetectorVersions): RegistryModel {
  const role = roleOf(c);
  const facts = c.kind === VALENCE_MODEL_KIND ? valenceFacts(c) : detectorFacts(c);
  return {
    version: c.version,
    name: c.name ?? c.version,
    role,
    kind: c.kind,
    architecture: c.architecture,
    shipped: c.shipped,
    active: active[role] === c.version,
    id: c.id,
    ...facts,
    createdAt: c.createdAt,
    summary: modelInfo({ ...c, id: c.id ?? 0, createdAt: c.createdAt ?? '' }, detectors).summary,
  };
}

/** The shipped defaults first, then the project's models oldest first; exactly one active per role that has any model. */
export async function modelRegistry(project: Project, valenceDir?: string): Promise<RegistryModel[]> {
  return listWith(project, await readShipped(project, valenceDir), await currentDetectorVersions(project), valenceDir);
}

function listWith(project: Project, shipped: Candidate[], detectors: DetectorVersions, valenceDir?: string): RegistryModel[] {
  const shippedVersions = new Set(shipped.map((c) => c.version));
  const own = project.models
    .list()
    .filter((m) => (m.kind === SED_MODEL_KIND || m.kind === VALENCE_MODEL_KIND) && !shippedVersions.has(m.version))
    .map((m): Candidate => ({ ...m, shipped: false }));
  const active = activeVersions(project, shipped, valenceDir);
  return [...shipped, ...own].map((c) => entry(c, active, detectors));
}

function find(list: RegistryModel[], version: string): RegistryModel {
  const found = list.find((m) => m.version === version);
  if (!found) throw notFound(`no model ${version} in this project or among the shipped defaults (models list shows them)`);
  return found;
}

/** Makes `version` the model its role analyses with from the next Analyze on. */
export async function activateModel(project: Project, version: string, valenceDir?: string): Promise<RegistryModel[]> {
  const target = find(await modelRegistry(project, valenceDir), version);
  project.models.setActive(target.role, target.version);
  return modelRegistry(project, valenceDir);
}

/** Back to the shipped default of `role`. */
export async function revertModel(project: Project, role: ModelRole, valenceDir?: string): Promise<RegistryModel[]> {
  const shipped = (await modelRegistry(project, valenceDir)).find((m) => m.shipped && m.role === role);
  if (!shipped) throw notFound(`no shipped ${ROLE_WORDS[role]} is installed to revert to`);
  project.models.setActive(role, shipped.version);
  return modelRegistry(project, valenceDir);
}

export async function renameModel(project: Project, version: string, name: string, valenceDir?: string): Promise<RegistryModel[]> {
  const target = find(await modelRegistry(project, valenceDir), version);
  if (target.shipped || target.id === null) throw badRequest(`${version} is the shipped ${ROLE_WORDS[target.role]}; shipped models cannot be renamed`);
  project.models.rename(target.id, name);
  return modelRegistry(project, valenceDir);
}

/** Refused for a shipped default and for the active model of its role; predictions and events that cite it keep its version. */
export async function deleteModel(project: Project, version: string, valenceDir?: string): Promise<RegistryModel[]> {
  const shipped = await readShipped(project, valenceDir);
  const detectors = await currentDetectorVersions(project);
  // Checked and deleted in one write transaction: another process cannot activate it in between.
  project.db
    .transaction(() => {
      const target = find(listWith(project, shipped, detectors, valenceDir), version);
      const what = target.name === target.version ? target.version : `${target.name} (${target.version})`;
      if (target.shipped || target.id === null) throw badRequest(`${what} is the shipped ${ROLE_WORDS[target.role]}; shipped models cannot be deleted`);
      if (target.active) throw badRequest(`${what} is the active ${ROLE_WORDS[target.role]}; activate another first`);
      project.models.delete(target.id);
    })
    .immediate();
  return modelRegistry(project, valenceDir);
}
