/**
 * Training settings for the shipped detectors, sized so both train (in parallel, one per core)
 * within 30 minutes on a busy 2-core machine: 10 epochs of 50 steps of 32 examples of 6 s.
 */
import type { TrainSettings } from './job.js';

export const DEFAULT_TRAIN_SETTINGS: Required<Omit<TrainSettings, 'timeBudgetS' | 'config'>> = {
  batchSize: 32,
  exampleFrames: 600,
  stepsPerEpoch: 50,
  maxEpochs: 10,
  patience: 4,
  learningRate: 3e-3,
};
