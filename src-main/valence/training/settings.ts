/** The training settings and the defaults the app, the jobs and the command line start from. */
import type { ValenceTrainingParams } from '../../contract/jobs.js';
import type { LabelChoice } from '../../contract/traces.js';
import type { AvModality, SemanticsSource } from '../data/modalities.js';

export interface TrainOptions {
  learningRate: number;
  decay: number;
  batchSize: number;
  maxEpochs: number;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  seed: number;
  /**
   * Threads computing each batch's gradient side by side (data-parallel replicas, the calling
   * thread included); 1 when absent. More only pays where cores are free: the grid's fold workers
   * already fill them.
   */
  workers?: number;
}

export const PAPER_TRAINING: TrainOptions = { learningRate: 0.005, decay: 0.005, batchSize: 128, maxEpochs: 100, patience: 5, seed: 1 };

/** Training rows every 5th frame (5 Hz): valence annotations change slowly; see docs/valence.md. */
export const DEFAULT_STRIDE = 5;

/** What the valence jobs' training params mean, with the paper's settings where a param is not given. */
export interface TrainingSettings {
  semantics: SemanticsSource;
  av: AvModality[] | undefined;
  stride: number;
  training: TrainOptions;
  model: { tokens?: number };
  labels: LabelChoice;
}

export function trainingSettings(p: ValenceTrainingParams): TrainingSettings {
  return {
    semantics: p.semantics ?? 'sed',
    av: p.av,
    stride: p.stride ?? DEFAULT_STRIDE,
    training: {
      ...PAPER_TRAINING,
      maxEpochs: p.maxEpochs ?? PAPER_TRAINING.maxEpochs,
      patience: p.patience ?? PAPER_TRAINING.patience,
      batchSize: p.batchSize ?? PAPER_TRAINING.batchSize,
      seed: p.seed ?? PAPER_TRAINING.seed,
    },
    model: p.tokens === undefined ? {} : { tokens: p.tokens },
    labels: { raters: p.raters ?? null },
  };
}

/** The label choice in words, as models and reports record it. */
export const describeLabels = (labels: LabelChoice) =>
  labels.raters === null ? 'mean of all raters' : labels.raters.length === 1 ? `rater ${labels.raters[0]}` : `mean of raters ${labels.raters.join(', ')}`;
