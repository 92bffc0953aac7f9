/**
 * One detector's training as plain data in and plain data out, so it can run in a worker thread
 * (the default models train both detectors at once, one per core) or in-process, identically.
 */
import type { EventClass, EventGroup } from '../../contract/domain.js';
import { initBackend } from '../../ml/backend.js';
import type { ActiveSpan } from '../data/active-span.js';
import type { SoundscapeOptions } from '../data/soundscape.js';
import { classesOf, type CbrnnConfig } from '../model/config.js';
import type { ClassPostprocess } from '../postprocess.js';
import { SoundscapeBatches } from './batches.js';
import type { MixSettings, TrainSettings } from './settings.js';
import type { Evaluation, ValidationExample } from './evaluate.js';
import { trainDetector, type EpochLog, type TrainProgress, type TrainResult } from './train.js';


export interface TrainingJob {
  group: EventGroup;
  seed: number;
  clips: Array<{ label: EventClass; span: ActiveSpan; power: Float32Array }>;
  beds: Float32Array[];
  soundscape: SoundscapeOptions;
  validation: ValidationExample[];
  calibration: ValidationExample[];
  settings: TrainSettings;
  /** How training soundscapes are drawn and varied. */
  mix: MixSettings;
}

export interface TrainingOutcome {
  group: EventGroup;
  config: CbrnnConfig;
  weights: Array<{ name: string; shape: number[]; values: Float32Array }>;
  postprocess: ClassPostprocess[];
  epochs: EpochLog[];
  bestEpoch: number;
  stoppedBy: TrainResult['stoppedBy'];
  validation: Evaluation;
  validationUntuned: Evaluation;
  stats: TrainResult['stats'];
  backend: string;
  parameters: number;
}

export async function runTrainingJob(job: TrainingJob, onProgress?: (p: TrainProgress) => void, signal?: AbortSignal): Promise<TrainingOutcome> {
  const backend = await initBackend();
  const clips = job.clips.map((c) => ({ ...c, samples: new Float32Array(0) }));
  const { ownClassWeight, eqDb, warp } = job.mix;
  const own = Object.fromEntries(classesOf(job.group).map((c) => [c, ownClassWeight]));
  const batches = new SoundscapeBatches(clips, job.beds, classesOf(job.group), { ...job.soundscape, classWeights: own }, { eqDb, warp });
  const result = await trainDetector({ group: job.group, seed: job.seed, batches, validation: job.validation, calibration: job.calibration, ...job.settings, onProgress, signal });
  try {
    const weights = await Promise.all(result.model.namedWeights().map(async ([name, v]) => ({ name, shape: v.shape, values: (await v.data()) as Float32Array })));
    return {
      group: job.group,
      config: result.model.getConfig(),
      weights,
      postprocess: result.postprocess,
      epochs: result.epochs,
      bestEpoch: result.bestEpoch,
      stoppedBy: result.stoppedBy,
      validation: result.validation,
      validationUntuned: result.validationUntuned,
      stats: result.stats,
      backend,
      parameters: result.model.parameterCount,
    };
  } finally {
    result.model.dispose();
  }
}
