/**
 * Trains one tagger head (verbal or non-verbal) on cached tagger features: Adam on the step-level
 * binary cross-entropy against soft targets (the share of each 0.48 s step an event covers) plus
 * the attention-pooled clip term, with an exponential moving average of the weights. After every
 * epoch the average is scored on calibration examples (thresholds tuned on them too); the epoch
 * with the best calibration macro segment F1 is kept. Examples are cropped to `cropSteps`, so
 * film-length recordings and 10 s soundscapes train alike. An AbortSignal cancels between steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { EventGroup } from '../../contract/domain.js';
import { Rng } from '../../util/random.js';
import { clipProbability } from '../model/cbrnn.js';
import { DEFAULT_POSTPROCESS, type ClassPostprocess } from '../postprocess.js';
import { WeightAverage } from '../training/weight-average.js';
import { TAGGER_DIMS } from '../tagger/tagger.js';
import { defaultHeadConfig, type HeadConfig } from './config.js';
import { evaluateHead, predictHeadSteps, tuneHeadThresholds, type HeadEvaluation, type HeadExample } from './evaluate-head.js';
import { TaggerHead } from './head-model.js';
import { stepTargets } from './steps.js';

export interface HeadTrainOptions {
  group: EventGroup;
  seed: number;
  train: readonly HeadExample[];
  /**
   * Scored after every epoch to pick the epoch and the thresholds (training sources, other draws).
   * Empty: the last epoch's weight average is kept, with the default post-processing.
   */
  calibration: readonly HeadExample[];
  /** Start from this head (fine-tuning): its architecture and normalisation are kept. */
  init?: TaggerHead;
  config?: Partial<Pick<HeadConfig, 'hiddenDims' | 'gruUnits' | 'dropout'>>;
  epochs?: number;
  batchSize?: number;
  cropSteps?: number;
  learningRate?: number;
  emaDecay?: number;
  onProgress?: (p: HeadProgress) => void;
  signal?: AbortSignal;
}

export interface HeadProgress {
  epoch: number;
  epochs: number;
  loss: number;
  calibrationF1: number;
  best: boolean;
  elapsedS: number;
}

export interface HeadTrainResult {
  model: TaggerHead;
  postprocess: ClassPostprocess[];
  bestEpoch: number;
  epochs: Array<{ epoch: number; loss: number; calibrationF1: number }>;
  /** The kept epoch's calibration scores (null without calibration examples). */
  calibration: HeadEvaluation | null;
  stats: { wallS: number; examples: number; parameters: number };
}

const CLIP_LOSS_WEIGHT = 0.5;


export async function trainHead(o: HeadTrainOptions): Promise<HeadTrainResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  if (o.train.length === 0) throw new Error('no training examples');
  const epochs = o.epochs ?? 12;
  const batchSize = o.batchSize ?? 32;
  const crop = o.cropSteps ?? 21;
  const rng = new Rng(o.seed);
  let model: TaggerHead;
  if (o.init) {
    if (o.init.config.group !== o.group) throw new Error(`cannot fine-tune the ${o.init.config.group} detector as the ${o.group} one`);
    model = o.init.clone();
  } else {
    model = TaggerHead.create({ ...defaultHeadConfig(o.group), ...o.config, ...featureStatistics(o.train) }, o.seed);
  }
  const classes = model.config.classes;
  const k = classes.length;
  const targets = o.train.map((ex) => stepTargets(ex.events, classes, ex.features.length / TAGGER_DIMS));
  // The share of each step whose target is known (1 where nothing says otherwise): the loss weighs it.
  const knownWeights = o.train.map((ex) => ex.known && stepTargets(ex.known, classes, ex.features.length / TAGGER_DIMS));
  const base = classes.map(() => ({ ...DEFAULT_POSTPROCESS }));
  const optimizer = tf.train.adam(o.learningRate ?? 2e-3);
  const named = model.namedWeights();
  const average = new WeightAverage(named.map(([, v]) => v), o.emaDecay ?? 0.99);
  const stepsPerEpoch = Math.max(1, Math.ceil(o.train.length / batchSize));
  let best: { score: number; epoch: number; weights: tf.Tensor[]; postprocess: ClassPostprocess[]; calibration: HeadEvaluation | null } | null = null;
  const log: HeadTrainResult['epochs'] = [];
  let seen = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = rng.shuffle(o.train.map((_, i) => i));
      let lossSum = 0;
      for (let step = 0; step < stepsPerEpoch; step++) {
        if (o.signal?.aborted) throw Object.assign(new Error('training cancelled'), { name: 'AbortError' });
        const ids = order.slice(step * batchSize, (step + 1) * batchSize);
        const x = new Float32Array(ids.length * crop * TAGGER_DIMS);
        const y = new Float32Array(ids.length * crop * k);
        const crops: Array<{ at: number; n: number }> = [];
        ids.forEach((id, b) => {
          const steps = o.train[id].features.length / TAGGER_DIMS;
          const at = steps > crop ? rng.int(steps - crop + 1) : 0;
          const n = Math.min(crop, steps);
          x.set(o.train[id].features.subarray(at * TAGGER_DIMS, (at + n) * TAGGER_DIMS), b * crop * TAGGER_DIMS);
          y.set(targets[id].subarray(at * k, (at + n) * k), b * crop * k);
          crops.push({ at, n });
        });
        const weights = batchWeights(ids.map((id) => knownWeights[id]), crops, crop, k);
        const loss = tf.tidy(() => {
          const xt = tf.tensor3d(x, [ids.length, crop, TAGGER_DIMS]);
          const yt = tf.tensor3d(y, [ids.length, crop, k]);
          const wt = weights && { steps: tf.tensor3d(weights.steps, [ids.length, crop, k]), clips: tf.tensor2d(weights.clips, [ids.length, 1]) };
          const seed = o.seed * 100003 + epoch * 1000 + step;
          return optimizer.minimize(() => lossOf(model, xt, yt, seed, wt), true, model.trainableWeights())!;
        });
        average.update();
        lossSum += (await loss.data())[0];
        loss.dispose();
        seen += ids.length;
        await new Promise((r) => setImmediate(r));
      }
      const values = average.values();
      const candidate = TaggerHead.fromWeights(model.getConfig(), Object.fromEntries(named.map(([name], i) => [name, values[i]])));
      tf.dispose(values);
      let improved = true;
      let score = 0;
      try {
        // Without calibration examples the latest average is kept; with them, the best-scoring one.
        const tuned = o.calibration.length ? scoreOn(candidate, o.calibration, base) : null;
        score = tuned?.calibration.segment.classWiseAverage.fMeasure ?? 0;
        improved = !best || !tuned || score > best.score;
        if (improved) {
          tf.dispose(best?.weights ?? []);
          best = { score, epoch, weights: candidate.namedWeights().map(([, v]) => tf.clone(v)), postprocess: tuned?.thresholds ?? base, calibration: tuned?.calibration ?? null };
        }
      } finally {
        candidate.dispose();
      }
      log.push({ epoch, loss: lossSum / stepsPerEpoch, calibrationF1: score });
      o.onProgress?.({ epoch, epochs, loss: lossSum / stepsPerEpoch, calibrationF1: score, best: improved, elapsedS: elapsed() });
    }
    const chosen = best!;
    named.forEach(([, v], i) => v.assign(chosen.weights[i]));
    return {
      model,
      postprocess: chosen.postprocess,
      bestEpoch: chosen.epoch,
      epochs: log,
      calibration: chosen.calibration,
      stats: { wallS: elapsed(), examples: seen, parameters: model.parameterCount },
    };
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    tf.dispose(best?.weights ?? []);
    average.dispose();
    optimizer.dispose();
  }
}

/** Thresholds tuned on the calibration examples, and the scores with them. */
function scoreOn(model: TaggerHead, examples: readonly HeadExample[], base: ClassPostprocess[]) {
  const steps = predictHeadSteps(model, examples);
  const thresholds = tuneHeadThresholds(model, examples, base, steps);
  return { thresholds, calibration: evaluateHead(model, examples, thresholds, steps) };
}

/**
 * Loss weights of a batch where some examples know their targets only in places: per step and class
 * the known share (1 for examples known everywhere), and per example 1 for the clip term only when
 * it is known everywhere (a clip's "no event of this class" is unknown on a reviewed film). Null when
 * every example is known everywhere, so that training is exactly the unweighted one.
 */
function batchWeights(known: Array<Float32Array | undefined>, crops: Array<{ at: number; n: number }>, crop: number, k: number): { steps: Float32Array; clips: Float32Array } | null {
  if (!known.some(Boolean)) return null;
  const steps = new Float32Array(known.length * crop * k).fill(1);
  const clips = new Float32Array(known.length).fill(1);
  known.forEach((w, b) => {
    if (!w) return;
    const { at, n } = crops[b];
    steps.fill(0, b * crop * k, (b + 1) * crop * k);
    steps.set(w.subarray(at * k, (at + n) * k), b * crop * k);
    clips[b] = 0;
  });
  return { steps, clips };
}

function lossOf(model: TaggerHead, x: tf.Tensor3D, y: tf.Tensor3D, dropoutSeed: number, weights?: { steps: tf.Tensor3D; clips: tf.Tensor2D } | null): tf.Scalar {
  const out = model.apply(x, { dropoutSeed });
  const frameLoss = weights ? tf.losses.sigmoidCrossEntropy(y, out.logits, weights.steps) : tf.losses.sigmoidCrossEntropy(y, out.logits);
  const clipTarget = tf.max(y, 1);
  const p = tf.clipByValue(clipProbability(out), 1e-7, 1 - 1e-7);
  const clipTerms = tf.add(tf.mul(clipTarget, tf.log(p)), tf.mul(tf.sub(1, clipTarget), tf.log(tf.sub(1, p))));
  const clipLoss = tf.neg(tf.mean(weights ? tf.mul(weights.clips, clipTerms) : clipTerms));
  return tf.add(frameLoss, tf.mul(CLIP_LOSS_WEIGHT, clipLoss)) as tf.Scalar;
}

/** Per-feature mean and standard deviation over every training step. */
function featureStatistics(examples: readonly HeadExample[]): { inputMean: number[]; inputStd: number[] } {
  const sum = new Float64Array(TAGGER_DIMS);
  const sq = new Float64Array(TAGGER_DIMS);
  let n = 0;
  for (const ex of examples) {
    const f = ex.features;
    for (let i = 0; i < f.length; i++) {
      sum[i % TAGGER_DIMS] += f[i];
      sq[i % TAGGER_DIMS] += f[i] * f[i];
    }
    n += f.length / TAGGER_DIMS;
  }
  const inputMean = Array.from(sum, (s) => s / n);
  return { inputMean, inputStd: Array.from(sq, (s, i) => Math.sqrt(Math.max(1e-6, s / n - inputMean[i] ** 2))) };
}
