/**
 * Trains one detector (verbal or non-verbal): Adam on frame-level binary cross-entropy plus the
 * attention-pooled clip-level term, evaluated on the validation examples after every epoch. With
 * `emaDecay`, what is evaluated, kept and returned is the exponential moving average of the
 * weights over the steps (weight-average.ts) instead of the last iterate. With
 * calibration examples, each epoch's per-class thresholds are tuned on them and the epoch with the
 * best validation macro segment F1 is kept (the validation loss misleads here: training soundscapes
 * are denser than validation ones, so the loss rises with confidence while detection improves);
 * without, the lowest validation loss wins. The learning rate halves after two epochs without
 * improvement; training stops after `patience`, at `maxEpochs`, or when the time budget runs out.
 * Progress goes to a callback; an AbortSignal cancels between steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { EventGroup } from '../../contract/domain.js';
import { LOG_MEL } from '../frontend/log-mel.js';
import { Rng } from '../../util/random.js';
import { Cbrnn, clipProbability, type BatchMoments } from '../model/cbrnn.js';
import { defaultConfig, type CbrnnConfig } from '../model/config.js';
import { DEFAULT_POSTPROCESS, type ClassPostprocess } from '../postprocess.js';
import type { BatchSource } from './batches.js';
import { evaluate, type Evaluation, type ValidationExample } from './evaluate.js';
import { tuneThresholds } from './thresholds.js';
import { WeightAverage } from './weight-average.js';

export interface TrainOptions {
  group: EventGroup;
  seed: number;
  batches: BatchSource;
  validation: readonly ValidationExample[];
  /** Examples (not from validation sources) on which per-class thresholds are tuned every epoch. */
  calibration?: readonly ValidationExample[];
  /** Overrides of the default architecture (channels, units, dropout). */
  config?: Partial<Pick<CbrnnConfig, 'convChannels' | 'freqPools' | 'gruUnits' | 'dropout'>>;
  /** Start from this model (fine-tuning): its architecture and input normalisation are kept. */
  init?: Cbrnn;
  batchSize?: number;
  /** Log-mel frames per training example (multiple of 4). */
  exampleFrames?: number;
  stepsPerEpoch?: number;
  maxEpochs?: number;
  patience?: number;
  learningRate?: number;
  /**
   * Per-step decay of the exponential moving average of the weights that is validated, chosen
   * and returned instead of the last iterate (0 or absent: the raw weights).
   */
  emaDecay?: number;
  /** Stop starting new epochs after this many seconds. */
  timeBudgetS?: number;
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
}

export type TrainProgress =
  | { phase: 'train'; epoch: number; step: number; stepsPerEpoch: number; loss: number; elapsedS: number; examplesPerS: number }
  | { phase: 'validate'; epoch: number; loss: number; valLoss: number; segmentF1: Record<string, number>; best: boolean; elapsedS: number };

export interface EpochLog {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  segmentMacroF1: number;
  learningRate: number;
}

export interface TrainResult {
  model: Cbrnn;
  postprocess: ClassPostprocess[];
  epochs: EpochLog[];
  bestEpoch: number;
  /** Validation with every threshold at 0.5, for comparison with the tuned thresholds. */
  validationUntuned: Evaluation;
  /** Why training ended: all epochs run, no improvement for `patience` epochs, or the time budget. */
  stoppedBy: 'epochs' | 'patience' | 'time budget';
  validation: Evaluation;
  stats: { wallS: number; trainS: number; examples: number; examplesPerS: number; audioSecondsPerS: number; exampleSeconds: number };
}

const CLIP_LOSS_WEIGHT = 0.5;

export async function trainDetector(o: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const batchSize = o.batchSize ?? 32;
  const frames = o.exampleFrames ?? 600;
  const stepsPerEpoch = o.stepsPerEpoch ?? 50;
  const maxEpochs = o.maxEpochs ?? 40;
  const patience = o.patience ?? 6;
  const rng = new Rng(o.seed);

  let model: Cbrnn;
  if (o.init) {
    if (o.init.config.group !== o.group) throw new Error(`cannot fine-tune the ${o.init.config.group} detector as the ${o.group} one`);
    model = o.init.clone();
  } else {
    const stats = inputStatistics(o.batches, rng.fork(1), batchSize, frames);
    model = Cbrnn.create({ ...defaultConfig(o.group), ...o.config, inputMean: stats.mean, inputStd: stats.std }, o.seed);
  }
  const config = model.config;
  const postprocess = config.classes.map(() => ({ ...DEFAULT_POSTPROCESS }));
  const optimizer = tf.train.adam(o.learningRate ?? 2e-3);
  const variables = model.trainableWeights();
  const named = model.namedWeights();
  const saved = named.map(([, v]) => v);
  const average = o.emaDecay ? new WeightAverage(saved, o.emaDecay) : null;

  let best: { score: number; epoch: number; weights: tf.Tensor[]; postprocess: ClassPostprocess[] } | null = null;
  let sinceBest = 0;
  let trainS = 0;
  let examples = 0;
  const epochs: EpochLog[] = [];
  let stoppedBy: TrainResult['stoppedBy'] = 'epochs';
  const dataRng = rng.fork(2);
  try {
    for (let epoch = 1; epoch <= maxEpochs; epoch++) {
      let lossSum = 0;
      for (let step = 1; step <= stepsPerEpoch; step++) {
        throwIfAborted(o.signal);
        const batch = o.batches.next(batchSize, frames, dataRng);
        const t0 = performance.now();
        const moments: BatchMoments = [];
        const loss = tf.tidy(() => {
          const x = tf.tensor3d(batch.x, [batch.n, batch.frames, LOG_MEL.bands]);
          const y = tf.tensor3d(batch.y, [batch.n, batch.frames / config.framesPerStep, config.classes.length]);
          const training = { dropoutSeed: o.seed * 100003 + epoch * 1000 + step, moments };
          return optimizer.minimize(() => lossOf(model, x, y, training), true, variables)!;
        });
        model.updateMovingStatistics(moments);
        tf.dispose(moments.flatMap((m) => [m.mean, m.variance]));
        average?.update();
        const value = (await loss.data())[0];
        loss.dispose();
        trainS += (performance.now() - t0) / 1000;
        examples += batch.n;
        lossSum += value;
        o.onProgress?.({ phase: 'train', epoch, step, stepsPerEpoch, loss: value, elapsedS: elapsed(), examplesPerS: examples / trainS });
        // Let other work on the event loop (progress, cancel) run between steps.
        await new Promise((r) => setImmediate(r));
      }
      // The model validated (and kept if best): the weight average, or the last iterate.
      const candidate = average ? averagedModel(config, named, average) : model;
      let thresholds: ClassPostprocess[];
      let ev: Evaluation;
      let improved: boolean;
      try {
        thresholds = o.calibration?.length ? tuneThresholds(candidate, o.calibration, postprocess) : postprocess;
        ev = evaluate(candidate, o.validation, thresholds);
        const score = o.calibration?.length ? ev.segment.classWiseAverage.fMeasure : -ev.loss;
        improved = !best || score > best.score;
        if (improved) {
          tf.dispose(best?.weights ?? []);
          best = { score, epoch, weights: candidate.namedWeights().map(([, v]) => tf.clone(v)), postprocess: thresholds };
        }
      } finally {
        if (candidate !== model) candidate.dispose();
      }
      if (improved) {
        sinceBest = 0;
      } else if (++sinceBest % 2 === 0) {
        setLearningRate(optimizer, learningRateOf(optimizer) / 2);
      }
      const f1 = Object.fromEntries(Object.entries(ev.segment.classWise).map(([k, v]) => [k, v.fMeasure]));
      epochs.push({ epoch, trainLoss: lossSum / stepsPerEpoch, valLoss: ev.loss, segmentMacroF1: ev.segment.classWiseAverage.fMeasure, learningRate: learningRateOf(optimizer) });
      o.onProgress?.({ phase: 'validate', epoch, loss: lossSum / stepsPerEpoch, valLoss: ev.loss, segmentF1: f1, best: improved, elapsedS: elapsed() });
      if (sinceBest >= patience) {
        stoppedBy = 'patience';
        break;
      }
      // Stop if another epoch (at the average pace so far) would overrun the budget.
      if (epoch < maxEpochs && o.timeBudgetS !== undefined && elapsed() * (1 + 1 / epoch) > o.timeBudgetS) {
        stoppedBy = 'time budget';
        break;
      }
    }
    if (!best) throw new Error('training ran no epoch');
    saved.forEach((v, i) => v.assign(best!.weights[i]));
    const validationUntuned = evaluate(model, o.validation, postprocess);
    const tuned = best.postprocess;
    const validation = evaluate(model, o.validation, tuned);
    const exampleSeconds = frames / (LOG_MEL.sampleRate / LOG_MEL.hop);
    return {
      model,
      postprocess: tuned,
      epochs,
      bestEpoch: best.epoch,
      stoppedBy,
      validation,
      validationUntuned,
      stats: { wallS: elapsed(), trainS, examples, examplesPerS: examples / trainS, audioSecondsPerS: (examples * exampleSeconds) / trainS, exampleSeconds },
    };
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    tf.dispose(best?.weights ?? []);
    average?.dispose();
    optimizer.dispose();
  }
}

/** A separate network holding the averaged weights (same config and weight names as `named`). */
function averagedModel(config: CbrnnConfig, named: Array<[string, tf.Variable]>, average: WeightAverage): Cbrnn {
  const values = average.values();
  try {
    return Cbrnn.fromWeights(config, Object.fromEntries(named.map(([name], i) => [name, values[i]])));
  } finally {
    tf.dispose(values);
  }
}

/** Frame BCE plus the attention-pooled clip BCE (a clip is positive where any frame is). */
function lossOf(model: Cbrnn, x: tf.Tensor3D, y: tf.Tensor3D, training: { dropoutSeed: number; moments: BatchMoments }): tf.Scalar {
  const out = model.apply(x, training);
  const frameLoss = tf.losses.sigmoidCrossEntropy(y, out.logits);
  const clipTarget = tf.max(y, 1);
  const p = tf.clipByValue(clipProbability(out), 1e-7, 1 - 1e-7);
  const clipLoss = tf.neg(tf.mean(tf.add(tf.mul(clipTarget, tf.log(p)), tf.mul(tf.sub(1, clipTarget), tf.log(tf.sub(1, p))))));
  return tf.add(frameLoss, tf.mul(CLIP_LOSS_WEIGHT, clipLoss)) as tf.Scalar;
}

/** Per-band mean and standard deviation of the log-mels of a few batches. */
function inputStatistics(batches: BatchSource, rng: Rng, batchSize: number, frames: number): { mean: number[]; std: number[] } {
  const bands = LOG_MEL.bands;
  const sum = new Float64Array(bands);
  const sq = new Float64Array(bands);
  let n = 0;
  for (let b = 0; b < 8; b++) {
    const { x } = batches.next(batchSize, frames, rng);
    for (let i = 0; i < x.length; i++) {
      sum[i % bands] += x[i];
      sq[i % bands] += x[i] * x[i];
    }
    n += x.length / bands;
  }
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sq, (s, i) => Math.sqrt(Math.max(1e-6, s / n - mean[i] * mean[i])));
  return { mean, std };
}

// tfjs keeps Adam's rate in a field it reads on every update; there is no setter.
type WithRate = { learningRate: number };
const learningRateOf = (opt: tf.Optimizer) => (opt as unknown as WithRate).learningRate;
const setLearningRate = (opt: tf.Optimizer, lr: number) => {
  (opt as unknown as WithRate).learningRate = lr;
};

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw Object.assign(new Error('training cancelled'), { name: 'AbortError' });
}
