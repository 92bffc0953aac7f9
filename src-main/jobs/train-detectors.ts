/**
 * The `train-sed` job on a project: retrains each detector group from the movies that have curated
 * (human or imported) events of that group, fine-tuning the group's active detector (the project's or
 * the shipped one), and stores the result in the project; the next Analyze uses it once it is active.
 * A tagger head (the shipped kind) is fine-tuned on the films' cached tagger features in seconds and
 * always stored; it becomes the active detector only when it scores at least as well as the active one
 * it started from on the same held-out material (or the user asked to activate it anyway), and the
 * result gives both figures either way. A CBRNN retrains on log-mels and is activated.
 * The project is read once (the plan) and written once per group (the stored model and its choice).
 */
import { groupOf, type EventGroup } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';
import { regressionVerdict } from '../analysis/model-guard.js';
import type { DetectorTraining, JobParams, JobResult } from '../contract/jobs.js';
import { detectorTrainingPlan, storeDetector, type GroupTraining } from '../analysis/project-models.js';
import { taggerFeatures } from '../analysis/tagger-features.js';
import { GROUPS } from '../sed/detector.js';
import { retrainHead } from '../sed/head/recordings.js';
import { encodeModel, isHead, type EncodedModel } from '../sed/model/model-io.js';
import { AudioTagger } from '../sed/tagger/tagger.js';
import { trainingEvents } from '../sed/training/recordings-training.js';
import { DEFAULT_TRAIN_SETTINGS } from '../sed/training/defaults.js';
import { trainFromRecordings } from '../sed/training/recordings-training.js';
import type { DescriptorsRepo } from '../store/repos/descriptors.js';
import type { Project } from '../store/project.js';
import type { TaskContext } from '../util/task-context.js';

/** Fine-tuning needs fewer and shorter epochs than training from scratch. */
const FINE_TUNE = { ...DEFAULT_TRAIN_SETTINGS, stepsPerEpoch: 30, maxEpochs: 6, patience: 3, learningRate: 1e-3 };

/** A retrained detector before it is stored: its encoding, whether it becomes active, and its figures. */
interface Retrained {
  encoded: EncodedModel;
  activated: boolean;
  report: Omit<DetectorTraining, 'version' | 'modelId' | 'activated'>;
}

type Share = (fraction: number) => number;

export async function trainDetectorsJob(project: Project, params: JobParams<'train-sed'>, ctx: TaskContext): Promise<JobResult<'train-sed'>> {
  const plan = await detectorTrainingPlan(project, params.groups ?? [...GROUPS], params.movieIds);
  const trained: DetectorTraining[] = [];
  try {
    for (const [k, group] of plan.entries()) {
      const share = (f: number) => (k + f) / plan.length;
      const retrained = isHead(group.init.model)
        ? await retrainTaggerHead(project.descriptors, group, { epochs: params.maxEpochs, anyway: params.activateAnyway ?? params.keepWorse ?? false }, ctx, share)
        : await retrainCbrnn(group, params, ctx, share);
      ctx.throwIfCancelled();
      // Stored and chosen in one step: another process never sees a worse head as the newest, unchosen one.
      const stored = project.db
        .transaction(() => {
          const model = storeDetector(project.models, retrained.encoded);
          project.models.setActive(group.group, retrained.activated ? model.version : group.init.meta.version);
          return model;
        })
        .immediate();
      trained.push({ ...retrained.report, version: stored.version, modelId: stored.id, activated: retrained.activated });
    }
  } finally {
    for (const g of plan) g.init.model.dispose();
  }
  return { models: trained };
}

async function retrainCbrnn({ group, films: planned, init }: GroupTraining, params: JobParams<'train-sed'>, ctx: TaskContext, share: Share): Promise<Retrained> {
  // A CBRNN trains on whole films: one with review verdicts but no curated event would teach it the detector's own output.
  const films = planned.filter((f) => !f.known || f.events.some((e) => e.source !== 'model' && groupOf(e.label) === group));
  if (films.length === 0) throw badRequest(`the ${group} detector is a CBRNN, which cannot learn from review verdicts alone; correct or import some ${group} events`);
  const settings = { ...FINE_TUNE, maxEpochs: params.maxEpochs ?? FINE_TUNE.maxEpochs, timeBudgetS: params.minutes === undefined ? undefined : params.minutes * 60 };
  const result = await trainFromRecordings({
    items: films,
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
  const f1 = result.validation.segment.classWise;
  return { encoded: result.model, activated: true, report: { group, movies: films.length, segmentF1: Object.fromEntries(Object.entries(f1).map(([c, m]) => [c, m.fMeasure])) } };
}

/** Fine-tunes a tagger head on the films' cached tagger features; activated unless it scored worse (or `anyway`). */
async function retrainTaggerHead(
  descriptors: DescriptorsRepo, { group, films, init }: GroupTraining, { epochs, anyway }: { epochs?: number; anyway: boolean }, ctx: TaskContext, share: Share,
): Promise<Retrained> {
  if (!isHead(init.model)) throw new Error('not a tagger head');
  const tagger = await AudioTagger.load();
  const recordings = [];
  try {
    for (const [i, { movie, events, known }] of films.entries()) {
      ctx.progress(share((0.5 * i) / films.length), `${group}: tagger features of ${movie.title} (${i + 1}/${films.length})`);
      const curated = events.filter((e) => e.source !== 'model' && groupOf(e.label) === group).map(({ label, onset, offset }) => ({ label, onset, offset }));
      const features = await taggerFeatures(descriptors, movie, tagger, ctx.signal);
      recordings.push({ name: movie.title, features, events: trainingEvents(events), curated, durationS: movie.duration, ...(known && { known }) });
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
    const after = result.heldOut.retrained.segment.classWiseAverage.fMeasure;
    const before = result.heldOut.previous.segment.classWiseAverage.fMeasure;
    const f1 = Object.fromEntries(Object.entries(result.heldOut.retrained.segment.classWise).map(([c, m]) => [c, m.fMeasure]));
    const comparison = { heldOutWindows: result.heldOut.windows, split: result.split, macroF1: { retrained: after, previous: before, previousVersion: init.meta.version } };
    const encoded = await encodeModel(result.model, {
      postprocess: result.postprocess,
      training: { data: { recordings: recordings.map((r) => ({ name: r.name, durationS: r.durationS, events: r.events.length })), split: result.split, fineTunedFrom: init.meta.version }, epochs: result.epochs, bestEpoch: result.bestEpoch, wallS: result.wallS },
      validation: { note: result.split, segmentBased: result.heldOut.retrained.segment, eventBased: result.heldOut.retrained.event, previous: { version: init.meta.version, segmentBased: result.heldOut.previous.segment } },
    });
    const { activated, reason } = regressionVerdict(`${group} detector`, encoded.file.version, { metric: 'macro segment F1', ...comparison.macroF1 }, anyway);
    return { encoded, activated, report: { group, movies: films.length, ...(reason === undefined ? {} : { reason }), segmentF1: f1, ...comparison } };
  } finally {
    result.model.dispose();
  }
}
