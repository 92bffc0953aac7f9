/**
 * The models an analysis of this project uses: per detector group the project's active detector (the
 * one chosen in the model registry; without a choice its newest, as before the registry existed), else
 * the shipped one; and the visual backbone its settings name (see the API service). Detectors travel
 * inside the project file, so a project opened elsewhere analyses the same way.
 */
import { groupOf, type EventGroup, type Movie } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';
import { initBackend } from '../ml/backend.js';
import { GROUPS, SoundEventDetector, defaultModelDir } from '../sed/detector.js';
import { decodeModel, loadModel, type EncodedModel, type LoadedModel, type ModelFile } from '../sed/model/model-io.js';
import type { ReviewDecision } from '../contract/review.js';
import type { LabelledEvent } from '../sed/data/soundscape.js';
import type { AnnotatedAudio } from '../sed/training/recordings-training.js';
import type { Project } from '../store/project.js';
import type { ModelsRepo, StoredModelInfo } from '../store/repos/models.js';

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
export function storeDetector(models: ModelsRepo, { file, weights }: EncodedModel): StoredModelInfo {
  return models.insert({
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

/**
 * A film with curated events of the group (or review verdicts), as detector retraining reads it.
 * `known`: on a film with review verdicts of the group, where its targets are known — the verdicts'
 * spans and the curated events — so the rest of the film (the detector's own output) does not train.
 */
export type TrainingFilm = AnnotatedAudio & { movie: Movie; known?: LabelledEvent[] };

/** What retraining one detector group starts from: its curated films and the group's active detector, built in memory. */
export interface GroupTraining {
  group: EventGroup;
  films: TrainingFilm[];
  init: LoadedModel;
}

/**
 * Everything a detector retraining reads from the project, read once: per group, the films (of
 * `movieIds`, else all) with human-made or imported events of that group, and the active detector
 * (the project's, else the shipped one), built in memory; the caller disposes each `init.model`.
 * Refused, before any detector is built, when a group has no such film.
 */
export async function detectorTrainingPlan(project: Project, groups: readonly EventGroup[], movieIds?: number[]): Promise<GroupTraining[]> {
  const movies = movieIds ? movieIds.map((id) => project.movies.get(id)) : project.movies.list();
  const events = new Map(movies.map((m) => [m.id, project.events.list(m.id)]));
  const verdicts = new Map(movies.map((m) => [m.id, project.review.inEffect(m.id)]));
  const filmsOf = (group: EventGroup): TrainingFilm[] =>
    movies.flatMap((movie) => {
      const all = events.get(movie.id)!;
      const curated = all.filter((e) => e.source !== 'model' && groupOf(e.label) === group);
      const reviewed = reviewedSpans(verdicts.get(movie.id)!, group);
      if ((curated.length === 0 && reviewed.length === 0) || !movie.audio) return [];
      const film: TrainingFilm = { movie, audioPath: movie.path, events: all.map(({ label, onset, offset, source }) => ({ label, onset, offset, source })) };
      return [reviewed.length > 0 ? { ...film, known: [...reviewed, ...curated.map(({ label, onset, offset }) => ({ label, onset, offset }))] } : film];
    });
  const films = groups.map((group) => ({ group, films: filmsOf(group) }));
  const empty = films.filter((g) => g.films.length === 0).map((g) => g.group);
  if (empty.length > 0) throw badRequest(`no movie has human-made or imported ${empty.join(' or ')} events or review verdicts to train on; correct, review or import some events first`);
  // Building a stored detector makes tensors, so the backend comes first (a CLI run may not have started it).
  await initBackend();
  const current = projectDetectors(project);
  const plan: GroupTraining[] = [];
  try {
    for (const g of films) {
      const model = current[g.group];
      plan.push({ ...g, init: model ? storedDetector(project, model) : await loadModel(defaultModelDir(g.group)) });
    }
    return plan;
  } catch (err) {
    for (const p of plan) p.init.model.dispose();
    throw err;
  }
}

/** The spans review verdicts vouch for in `group`: the class in doubt (present or not), and a relabel's new class. */
function reviewedSpans(decisions: readonly ReviewDecision[], group: EventGroup): LabelledEvent[] {
  return decisions.flatMap((d) =>
    [d.label, d.newLabel].flatMap((label) => (label && groupOf(label) === group ? [{ label, onset: d.start, offset: d.end }] : [])),
  );
}
