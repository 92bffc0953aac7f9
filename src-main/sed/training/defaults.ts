/**
 * Training settings for the shipped detectors, sized so both train (in parallel) within 30 minutes
 * on a 2-core laptop: 32 examples of 6 s per step.
 */
import type { TrainSettings } from './job.js';

export const DEFAULT_TRAIN_SETTINGS: Required<Omit<TrainSettings, 'timeBudgetS' | 'config'>> = {
  batchSize: 32,
  exampleFrames: 600,
  stepsPerEpoch: 50,
  maxEpochs: 24,
  patience: 8,
  learningRate: 3e-3,
};
