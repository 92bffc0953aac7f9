/**
 * Trains the verbal and non-verbal detectors from a clip corpus and saves each as a model folder
 * with its training summary and validation metrics. With `parallel`, each detector trains in its
 * own worker thread (the wasm backend is single-threaded, so two detectors use two cores).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type { EventGroup } from '../../contract/domain.js';
import { initBackend } from '../../ml/backend.js';
import { DEFAULT_SOUNDSCAPE } from '../data/soundscape.js';
import { Cbrnn } from '../model/cbrnn.js';
import { saveModel } from '../model/model-io.js';
import { prepareCorpusData, type CorpusDataOptions, type CorpusSummary } from './corpus-data.js';
import { runTrainingJob, type TrainingJob, type TrainingOutcome } from './job.js';
import type { MixSettings, TrainSettings } from './settings.js';
import type { TrainProgress } from './train.js';
import { DEFAULT_MIX } from './defaults.js';

/** Training examples are denser than validation ones (1–5 events per example): more targets per step. */
const TRAINING_SOUNDSCAPE = { ...DEFAULT_SOUNDSCAPE, eventCount: [1, 5] as [number, number] };

export interface CorpusTrainingOptions extends CorpusDataOptions {
  /** Where each group's model folder goes. */
  outDirs: Partial<Record<EventGroup, string>>;
  settings: TrainSettings;
  mix?: MixSettings;
  parallel?: boolean;
  onTrainProgress?: (group: EventGroup, p: TrainProgress) => void;
}

export interface TrainedModelSummary {
  group: EventGroup;
  dir: string;
  version: string;
  outcome: TrainingOutcome;
  sizeBytes: number;
}

export async function trainFromCorpus(o: CorpusTrainingOptions): Promise<{ corpus: CorpusSummary; models: TrainedModelSummary[]; wallS: number }> {
  const started = performance.now();
  await initBackend();
  const data = await prepareCorpusData(o);
  const groups = (Object.keys(o.outDirs) as EventGroup[]).filter((g) => o.outDirs[g]);
  const mix = o.mix ?? DEFAULT_MIX;
  const jobs: TrainingJob[] = groups.map((group, i) => ({
    group,
    seed: o.seed + 17 * (i + 1),
    clips: data.trainClips.map((c) => ({ label: c.label, span: c.span, power: c.power })),
    beds: data.trainBeds,
    soundscape: TRAINING_SOUNDSCAPE,
    validation: data.validation,
    calibration: data.calibration,
    settings: o.settings,
    mix,
  }));
  const run = (job: TrainingJob) => (o.parallel ? inWorker(job, o) : runTrainingJob(job, (p) => o.onTrainProgress?.(job.group, p), o.signal));
  const outcomes = o.parallel ? await Promise.all(jobs.map(run)) : await sequential(jobs, run);

  const models: TrainedModelSummary[] = [];
  for (const outcome of outcomes) {
    const dir = o.outDirs[outcome.group]!;
    const tensors = Object.fromEntries(outcome.weights.map((w) => [w.name, tf.tensor(w.values, w.shape)]));
    const model = Cbrnn.fromWeights(outcome.config, tensors);
    tf.dispose(Object.values(tensors));
    try {
      const version = await saveModel(dir, model, {
        postprocess: outcome.postprocess,
        training: {
          data: data.summary,
          settings: { ...o.settings, mix, seed: jobs.find((j) => j.group === outcome.group)!.seed },
          epochs: outcome.epochs,
          bestEpoch: outcome.bestEpoch,
          stoppedBy: outcome.stoppedBy,
          stats: outcome.stats,
          backend: outcome.backend,
          parameters: outcome.parameters,
        },
        validation: {
          note:
            'soundscapes built only from source groups held out of training; per-class thresholds tuned on calibration soundscapes of training sources; the epoch with the best validation macro segment F1 was kept (so these figures are slightly optimistic)',
          segmentBased: outcome.validation.segment,
          eventBased: outcome.validation.event,
          frameLoss: outcome.validation.loss,
          atThreshold05: { segmentBased: outcome.validationUntuned.segment, eventBased: outcome.validationUntuned.event },
        },
      });
      const sizeBytes = outcome.weights.reduce((n, w) => n + w.values.byteLength, 0);
      models.push({ group: outcome.group, dir, version, outcome, sizeBytes });
    } finally {
      model.dispose();
    }
  }
  return { corpus: data.summary, models, wallS: (performance.now() - started) / 1000 };
}

async function sequential<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

function inWorker(job: TrainingJob, o: CorpusTrainingOptions): Promise<TrainingOutcome> {
  // Same folder and extension as this module: .js when built; .ts when run from sources, where the
  // worker does not inherit tsx's loader and the entry is imported through tsx's API instead.
  const fromSources = path.extname(new URL(import.meta.url).pathname) === '.ts';
  const entry = new URL(`./train-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  const worker = fromSources
    ? new Worker(`import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`, { eval: true, workerData: job })
    : new Worker(entry, { workerData: job });
  const onAbort = () => worker.postMessage({ type: 'abort' });
  o.signal?.addEventListener('abort', onAbort, { once: true });
  return new Promise<TrainingOutcome>((resolve, reject) => {
    worker.on('message', (m: { type: string; progress?: TrainProgress; outcome?: TrainingOutcome; name?: string; message?: string }) => {
      if (m.type === 'progress') o.onTrainProgress?.(job.group, m.progress!);
      else if (m.type === 'done') resolve(m.outcome!);
      else if (m.type === 'error') reject(Object.assign(new Error(m.message), { name: m.name }));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      o.signal?.removeEventListener('abort', onAbort);
      if (code !== 0) reject(new Error(`training worker for the ${job.group} detector exited with code ${code}`));
    });
  }).finally(() => void worker.terminate());
}
