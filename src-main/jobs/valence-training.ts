/** The training settings of the valence jobs as the training reads them, the paper's where not given. */
import type { ValenceTrainingParams } from '../contract/jobs.js';
import type { AvModality } from '../contract/domain.js';
import type { LabelChoice } from '../analysis/valence/load-frames.js';
import type { SemanticsSource } from '../valence/data/modalities.js';
import { DEFAULT_STRIDE, PAPER_TRAINING, type TrainOptions } from '../valence/training/settings.js';

export interface ValenceTrainingSettings {
  semantics: SemanticsSource;
  av: AvModality[] | undefined;
  stride: number;
  training: TrainOptions;
  model: { tokens?: number };
  labels: LabelChoice;
}

export function valenceTraining(p: ValenceTrainingParams): ValenceTrainingSettings {
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
