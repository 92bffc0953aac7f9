/**
 * The `train-sed` job on a project: retrains each detector group from the movies that have curated
 * (human or imported) events of that group, fine-tuning the project's current detector (else the
 * shipped one), and stores the result in the project, where the next Analyze picks it up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupOf, type EventGroup } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';
import { projectDetectors, storeDetector, writeDetectorFolder } from '../analysis/project-models.js';
import { GROUPS } from '../sed/detector.js';
import { DEFAULT_TRAIN_SETTINGS } from '../sed/training/defaults.js';
import { trainFromRecordings, type AnnotatedAudio } from '../sed/training/recordings-training.js';
import type { Project } from '../store/project.js';
import type { JobContext } from './job-types.js';

export interface TrainDetectorsParams {
  groups?: EventGroup[];
  /** Default: every movie with curated events of the group. */
  movieIds?: number[];
  maxEpochs?: number;
  /** Stop starting new epochs after this many minutes per group. */
  minutes?: number;
}

/** Fine-tuning needs fewer and shorter epochs than training from scratch. */
const FINE_TUNE = { ...DEFAULT_TRAIN_SETTINGS, stepsPerEpoch: 30, maxEpochs: 6, patience: 3, learningRate: 1e-3 };

export function trainingItems(project: Project, group: EventGroup, movieIds?: number[]): AnnotatedAudio[] {
  const movies = movieIds ? movieIds.map((id) => project.movies.get(id)) : project.movies.list();
  return movies.flatMap((m) => {
    const events = project.events.list(m.id);
    const curated = events.some((e) => e.source !== 'model' && groupOf(e.label) === group);
    return curated && m.audio ? [{ audioPath: m.path, events: events.map(({ label, onset, offset, source }) => ({ label, onset, offset, source })) }] : [];
  });
}

export async function trainDetectorsJob(project: Project, params: TrainDetectorsParams, ctx: JobContext) {
  const groups = params.groups ?? [...GROUPS];
  const plan = groups.map((group) => ({ group, items: trainingItems(project, group, params.movieIds) }));
  const empty = plan.filter((p) => p.items.length === 0).map((p) => p.group);
  if (empty.length > 0) throw badRequest(`no movie has human-made or imported ${empty.join(' or ')} events to train on; correct or import some events first`);
  const settings = { ...FINE_TUNE, maxEpochs: params.maxEpochs ?? FINE_TUNE.maxEpochs, timeBudgetS: params.minutes === undefined ? undefined : params.minutes * 60 };
  const current = projectDetectors(project);
  const tmp = mkdtempSync(join(tmpdir(), 'vs-train-sed-'));
  try {
    const trained = [];
    for (const [k, { group, items }] of plan.entries()) {
      const share = (f: number) => (k + f) / plan.length;
      const model = current[group];
      const result = await trainFromRecordings({
        items,
        group,
        outDir: join(tmp, `out-${group}`),
        init: model ? writeDetectorFolder(project, model, join(tmp, `init-${group}`)) : undefined,
        settings,
        signal: ctx.signal,
        onProgress: (p) => {
          if (p.phase === 'prepare') ctx.progress(share(0), `${group}: ${p.message}`);
          else if (p.phase === 'train') ctx.progress(share((p.epoch - 1 + p.step / p.stepsPerEpoch) / settings.maxEpochs), `${group}: epoch ${p.epoch}, loss ${p.loss.toFixed(3)}`);
          else ctx.progress(share(p.epoch / settings.maxEpochs), `${group}: epoch ${p.epoch} validated`);
        },
      });
      ctx.throwIfCancelled();
      const stored = storeDetector(project, result.dir);
      const f1 = result.validation.segment.classWise;
      trained.push({ group, version: stored.version, modelId: stored.id, movies: items.length, segmentF1: Object.fromEntries(Object.entries(f1).map(([c, m]) => [c, m.fMeasure])) });
    }
    return { models: trained };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
