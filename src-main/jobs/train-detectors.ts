/**
 * The `train-sed` job on a project: retrains each detector group from the movies that have curated
 * (human or imported) events of that group, fine-tuning the group's active detector (the project's or
 * the shipped one), and stores the result in the project; the next Analyze uses it once it is active.
 * A tagger head (the shipped kind) is fine-tuned on the films' cached tagger features in seconds and
 * always stored; it becomes the active detector only when it scores at least as well as the active one
 * it started from on the same held-out material (or the user asked to activate it anyway), and the
 * result gives both figures either way. A CBRNN retrains on log-mels and is activated.
 */
import { groupOf, type EventGroup } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';
import { regressionVerdict } from '../analysis/model-guard.js';
import type { DetectorTraining, JobParams, JobResult } from '../contract/jobs.js';
import { projectDetectors, storeDetector, storedDetector } from '../analysis/project-models.js';
import { taggerFeatures } from '../analysis/tagger-features.js';
import { GROUPS, defaultModelDir } from '../sed/detector.js';
import { retrainHead } from '../sed/head/recordings.js';
import { encodeModel, isHead, loadModel, type LoadedModel } from '../sed/model/model-io.js';
import { AudioTagger } from '../sed/tagger/tagger.js';
import { initBackend } from '../ml/backend.js';
import { trainingEvents } from '../sed/training/recordings-training.js';
import { DEFAULT_TRAIN_SETTINGS } from '../sed/training/defaults.js';
import { trainFromRecordings, type AnnotatedAudio } from '../sed/training/recordings-training.js';
import type { Project } from '../store/project.js';
import type { TaskContext } from '../util/task-context.js';

/** Fine-tuning needs fewer and shorter epochs than training from scratch. */
const FINE_TUNE = { ...DEFAULT_TRAIN_SETTINGS, stepsPerEpoch: 30, maxEpochs: 6, patience: 3, learningRate: 1e-3 };

export function trainingItems(project: Project, group: EventGroup, movieIds?: number[]): Array<AnnotatedAudio & { movieId: number }> {
  const movies = movieIds ? movieIds.map((id) => project.movies.get(id)) : project.movies.list();
  return movies.flatMap((m) => {
    const events = project.events.list(m.id);
    const curated = events.some((e) => e.source !== 'model' && groupOf(e.label) === group);
    return curated && m.audio ? [{ movieId: m.id, audioPath: m.path, events: events.map(({ label, onset, offset, source }) => ({ label, onset, offset, source })) }] : [];
  });
}

export async function trainDetectorsJob(project: Project, params: JobParams<'train-sed'>, ctx: TaskContext): Promise<JobResult<'train-sed'>> {
  const groups = params.groups ?? [...GROUPS];
  const plan = groups.map((group) => ({ group, items: trainingItems(project, group, params.movieIds) }));
  const empty = plan.filter((p) => p.items.length === 0).map((p) => p.group);
  if (empty.length > 0) throw badRequest(`no movie has human-made or imported ${empty.join(' or ')} events to train on; correct or import some events first`);
  const settings = { ...FINE_TUNE, maxEpochs: params.maxEpochs ?? FINE_TUNE.maxEpochs, timeBudgetS: params.minutes === undefined ? undefined : params.minutes * 60 };
  // Loading a detector makes tensors: the backend must be up first (a CLI run may not have started it).
  await initBackend();
  const current = projectDetectors(project);
  const trained: DetectorTraining[] = [];
  for (const [k, { group, items }] of plan.entries()) {
    const share = (f: number) => (k + f) / plan.length;
    const model = current[group];
    const init = model ? storedDetector(project, model) : await loadModel(defaultModelDir(group));
    try {
      if (isHead(init.model)) {
        const anyway = params.activateAnyway ?? params.keepWorse ?? false;
        trained.push(await retrainHeadJob(project, { group, items, init, epochs: params.maxEpochs, anyway }, ctx, share));
        continue;
      }
      const result = await trainFromRecordings({
        items,
        group,
        init,
        settings,
        signal: ctx.signal,
        onProgress: (p) => {
          if (p.phase === 'prepare') ctx.progress(share(0), `${group}: ${p.message}`);
          else if (p.phase === 'train') ctx.progress(share((p.epoch - 1 + p.step / p.stepsPerEpoch) / settings.maxEpochs), `${group}: epoch ${p.epoch}, loss ${p.loss.toFixed(3)}`);
          else ctx.progress(share(p.epoch / settings.maxEpochs), `${group}: epoch ${p.epoch} validated`);
        },
      });
      ctx.throwIfCancelled();
      const stored = storeDetector(project, result.model);
      project.models.setActive(group, stored.version);
      const f1 = result.validation.segment.classWise;
      trained.push({ group, version: stored.version, modelId: stored.id, movies: items.length, activated: true, segmentF1: Object.fromEntries(Object.entries(f1).map(([c, m]) => [c, m.fMeasure])) });
    } finally {
      init.model.dispose();
    }
  }
  return { models: trained };
}

/** Fine-tunes a tagger head on the films' cached tagger features; stores it, and activates it unless it scored worse. */
interface HeadJob {
  group: EventGroup;
  items: Array<AnnotatedAudio & { movieId: number }>;
  /** The active detector of the group. */
  init: LoadedModel;
  epochs?: number;
  /** Activate it even when it scored worse than the active one. */
  anyway: boolean;
}

async function retrainHeadJob(project: Project, { group, items, init, epochs, anyway }: HeadJob, ctx: TaskContext, share: (f: number) => number): Promise<DetectorTraining> {
  if (!isHead(init.model)) throw new Error('not a tagger head');
  const tagger = await AudioTagger.load();
  const recordings = [];
  try {
    for (const [i, item] of items.entries()) {
      const movie = project.movies.get(item.movieId);
      ctx.progress(share((0.5 * i) / items.length), `${group}: tagger features of ${movie.title} (${i + 1}/${items.length})`);
      const curated = item.events.filter((e) => e.source !== 'model' && groupOf(e.label) === group).map(({ label, onset, offset }) => ({ label, onset, offset }));
      recordings.push({ name: movie.title, features: await taggerFeatures(project, movie, tagger, ctx.signal), events: trainingEvents(item.events), curated, durationS: movie.duration });
    }
  } finally {
    await tagger.release();
  }
  const result = await retrainHead({
    group,
    recordings,
    init: { model: init.model, postprocess: init.meta.postprocess },
    epochs,
    signal: ctx.signal,
    onProgress: (p) => ctx.progress(share(0.5 + (0.5 * p.epoch) / p.epochs), `${group}: epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toFixed(3)}`),
  });
  try {
    ctx.throwIfCancelled();
    const after = result.heldOut.retrained.segment.classWiseAverage.fMeasure;
    const before = result.heldOut.previous.segment.classWiseAverage.fMeasure;
    const f1 = Object.fromEntries(Object.entries(result.heldOut.retrained.segment.classWise).map(([c, m]) => [c, m.fMeasure]));
    const comparison = { heldOutWindows: result.heldOut.windows, split: result.split, macroF1: { retrained: after, previous: before, previousVersion: init.meta.version } };
    const encoded = await encodeModel(result.model, {
      postprocess: result.postprocess,
      training: { data: { recordings: recordings.map((r) => ({ name: r.name, durationS: r.durationS, events: r.events.length })), split: result.split, fineTunedFrom: init.meta.version }, epochs: result.epochs, bestEpoch: result.bestEpoch, wallS: result.wallS },
      validation: { note: result.split, segmentBased: result.heldOut.retrained.segment, eventBased: result.heldOut.retrained.event, previous: { version: init.meta.version, segmentBased: result.heldOut.previous.segment } },
    });
    const verdict = regressionVerdict(`${group} detector`, encoded.file.version, { metric: 'macro segment F1', ...comparison.macroF1 }, anyway);
    // Stored and chosen in one step: another process never sees the worse head as the newest, unchosen one.
    const stored = project.db
      .transaction(() => {
        const model = storeDetector(project, encoded);
        project.models.setActive(group, verdict.activated ? model.version : init.meta.version);
        return model;
      })
      .immediate();
    return { group, version: stored.version, modelId: stored.id, movies: items.length, ...verdict, segmentF1: f1, ...comparison };
  } finally {
    result.model.dispose();
  }
}
