/** The training settings and the defaults the app, the jobs and the command line start from. */
export interface TrainOptions {
  learningRate: number;
  decay: number;
  batchSize: number;
  maxEpochs: number;
  /** Epochs without a better validation loss before stopping. */
  patience: number;
  seed: number;
}

export const PAPER_TRAINING: TrainOptions = { learningRate: 0.005, decay: 0.005, batchSize: 128, maxEpochs: 100, patience: 5, seed: 1 };

/** Training rows every 5th frame (5 Hz): valence annotations change slowly; see docs/valence.md. */
export const DEFAULT_STRIDE = 5;
