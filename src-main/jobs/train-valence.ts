/**
 * The `train-valence` job: one valence model on the project's labelled movies, stored for Analyze. It
 * becomes the active valence model unless it scores a lower Acc than the active one on its own
 * validation film (the regression guard); it is stored either way, and the result gives both figures.
 */
import { availableParallelism } from 'node:os';
import { AppError } from '../contract/errors.js';
import type { JobParams, JobResult } from '../contract/jobs.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { currentDetectorVersions } from '../analysis/detector-versions.js';
import { descriptorsByAnalysis } from '../analysis/ensure-descriptors.js';
import { regressionVerdict } from '../analysis/model-guard.js';
import type { LabelChoice } from '../contract/traces.js';
import { accuracyOnFilm, activeValenceSnapshot, type ValenceSnapshot } from '../analysis/valence/valence-guard.js';
import { initBackend } from '../ml/backend.js';
import { trainingSettings } from '../valence/training/settings.js';
import type { Project } from '../store/project.js';
import { trainOnProject } from '../analysis/valence/train-project.js';
import type { TaskContext } from '../util/task-context.js';
import { chooseThreads } from '../util/threads.js';

type Result = JobResult<'train-valence'>;
type Metrics = Result['metrics'];
type Guard = Pick<Result, 'activated' | 'reason' | 'acc'>;

export async function trainValenceJob(project: Project, params: JobParams<'train-valence'>, ctx: TaskContext, deps: AnalyzeDeps): Promise<Result> {
  await initBackend();
  const settings = trainingSettings(params);
  // The active model is pinned before the new one is stored: without a choice the newest would be active.
  const previous = activeValenceSnapshot(project, deps.defaultValenceDir);
  if (previous) project.models.setActive('valence', previous.version);
  const { info, summary } = await trainOnProject(
    project,
    {
      ...settings,
      // Automatic stops at two: two threads measured 1.4-1.7x one on two cores; more add transfer for little (docs/valence.md, Speed).
      training: { ...settings.training, workers: chooseThreads({ requested: params.threads, setting: project.settings.get().threads, cores: availableParallelism(), automaticMax: 2 }) },
      architecture: params.architecture ?? 'fea-tf-scma',
      events: params.events ?? 'all',
      ensureDescriptors: descriptorsByAnalysis(deps),
      detectorVersions: await currentDetectorVersions(project),
    },
    ctx,
  );
  // The store keeps metrics as untyped JSON; these are the ones trainOnProject just wrote.
  const metrics = info.metrics as Metrics;
  const guard = await guardAgainst(project, previous, { version: info.version, metrics, labels: settings.labels }, ctx);
  if (guard.activated) project.models.setActive('valence', info.version);
  return { modelId: info.id, version: info.version, epochs: summary.epochs.length, bestEpoch: summary.bestEpoch, samplesPerSecond: summary.samplesPerSecond, metrics, ...guard };
}

interface Retrained {
  version: string;
  metrics: Metrics;
  labels: LabelChoice;
}

/** Activated unless the active model scores a higher Acc on the new one's validation film; without a comparison it is activated, as before the guard. */
async function guardAgainst(project: Project, previous: ValenceSnapshot | null, retrained: Retrained, ctx: TaskContext): Promise<Guard> {
  const validation = retrained.metrics?.validation;
  if (!previous) return { activated: true };
  if (!validation) return { activated: true, reason: `no validation film (one labelled film) to compare it with ${previous.version} on; activated without a comparison` };
  let before: number;
  try {
    before = await accuracyOnFilm(project, previous, validation.movie, retrained.labels, ctx);
  } catch (err) {
    // A film without the inputs the active model reads (another feature set, a missing modality) cannot be compared on.
    if (!(err instanceof AppError) || ctx.signal.aborted) throw err;
    return { activated: true, reason: `${previous.version} could not be scored on validation film ${validation.movie} (${err.message}); activated without a comparison` };
  }
  const acc = { retrained: validation.acc, previous: before, previousVersion: previous.version };
  return { ...regressionVerdict('valence model', retrained.version, { metric: 'Acc', ...acc }, false), acc };
}
