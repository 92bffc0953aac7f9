/** The knobs of detector training, apart from the defaults that fill them (defaults.ts). */
import type { TrainOptions } from './train.js';

export type TrainSettings = Pick<TrainOptions, 'config' | 'batchSize' | 'exampleFrames' | 'stepsPerEpoch' | 'maxEpochs' | 'patience' | 'learningRate' | 'emaDecay' | 'timeBudgetS'>;

/** How training soundscapes are drawn and varied. */
export interface MixSettings {
  /** Chance of drawing each of the detector's own classes relative to each of the other detector's (distractors, no target). */
  ownClassWeight: number;
  /** Per-event random equaliser, ± dB across the bands. */
  eqDb: number;
  /** Per-event frequency-axis scaling, ± fraction. */
  warp: number;
}
