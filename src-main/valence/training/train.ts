/**
 * Training as in the paper's section III: 7-class softmax and cross-entropy, Adam with learning
 * rate and decay 0.005, batches of 128, at most 100 epochs, early stopping on a validation movie
 * (its loss; the best epoch's weights are kept). Reports progress and stops on the job's signal.
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { productsRan, type ProductEngine } from '../../ml/native-products.js';
import { Rng } from '../../util/random.js';
import type { TaskContext } from '../../util/task-context.js';
import { gatherBatch, labelledRows, type FrameTable, type Normalizer } from '../data/frame-table.js';
import { argmaxClasses } from '../data/labels.js';
import type { ForwardMode } from '../model/layers.js';
import type { ValenceModel } from '../model/model.js';
import { Adam } from './adam.js';
import { DataParallel } from './data-parallel.js';
import { predictRows } from './predict.js';
import type { TrainOptions } from './settings.js';
import { lossAndGradients } from './step.js';

export interface EpochRecord {
  epoch: number;
  loss: number;
  validationLoss: number | null;
  validationAccuracy: number | null;
  seconds: number;
}

export interface TrainSummary {
  epochs: EpochRecord[];
  /** 1-based epoch whose weights the model keeps. */
  bestEpoch: number;
  stoppedEarly: boolean;
  trainingRows: number;
  /** Training samples per second over all epochs (forward + backward + update, batch building included). */
  samplesPerSecond: number;
  seconds: number;
  /**
   * What computed the single products, on every thread (native-products.ts): their rounding is the
   * engine's. Empty on a backend with products of its own (cpu, tensorflow).
   */
  products: ProductEngine[];
}

function validationScores(model: ValenceModel, table: FrameTable, normalizer: Normalizer): { loss: number; accuracy: number } {
  const probs = predictRows(model, table, normalizer);
  const predicted = argmaxClasses(probs);
  let loss = 0;
  let hit = 0;
  let n = 0;
  for (let r = 0; r < table.rows; r++) {
    const c = table.labels[r];
    if (c === 0) continue;
    loss -= Math.log(Math.max(1e-12, probs[r * VALENCE_CLASS_COUNT + c - 1]));
    hit += predicted[r] === c ? 1 : 0;
    n++;
  }
  return { loss: loss / n, accuracy: hit / n };
}

/** One update on this thread; returns the batch's mean loss. */
function localStep(model: ValenceModel, adam: Adam, data: Float32Array[], rows: number, classes: Int32Array, mode: ForwardMode): number {
  return tf.tidy(() => {
    const { loss, grads } = lossAndGradients(model, data, rows, classes, rows, mode);
    adam.apply(grads);
    return loss.dataSync()[0];
  });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function trainModel(
  model: ValenceModel,
  train: FrameTable[],
  validation: FrameTable | null,
  normalizer: Normalizer,
  options: TrainOptions,
  ctx: TaskContext,
): Promise<TrainSummary> {
  const rng = new Rng(options.seed);
  const mode = { training: true, rng };
  const refs = labelledRows(train);
  const rows = refs.row.length;
  if (rows === 0) throw new Error('no labelled frames to train on');
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`workers must be a whole number ≥ 1, got ${workers}`);
  const adam = new Adam(model.params.list(), options);
  let parallel: DataParallel | null = null;
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const epochs: EpochRecord[] = [];
  let best = { loss: Infinity, epoch: 0, weights: null as Float32Array | null };
  let trainSeconds = 0;
  let samples = 0;
  const batchesPerEpoch = Math.ceil(rows / options.batchSize);
  productsRan(); // from here on
  let products: ProductEngine[] = [];
  try {
    parallel = workers > 1 ? await DataParallel.start(model, adam, options, workers, options.batchSize, options.seed) : null;
    const buffers = parallel?.inputs ?? model.groups.map((g) => new Float32Array(options.batchSize * g.window * g.width));
    for (let epoch = 1; epoch <= options.maxEpochs; epoch++) {
      const started = performance.now();
      rng.shuffle(order);
      let lossSum = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        ctx.throwIfCancelled();
        const pick = order.subarray(b * options.batchSize, Math.min(rows, (b + 1) * options.batchSize));
        const batch = { table: pick.map((i) => refs.table[i]), row: pick.map((i) => refs.row[i]) };
        const classes = Int32Array.from(batch.row, (r, i) => train[batch.table[i]].labels[r]);
        const gather = (from: number, to: number) => {
          const part = { table: batch.table.subarray(from, to), row: batch.row.subarray(from, to) };
          return gatherBatch(train, part, model.groups, normalizer, model.config.windowStep, buffers.map((x, i) => x.subarray(from * model.groups[i].window * model.groups[i].width)));
        };
        const loss = parallel ? await parallel.step(pick.length, classes, mode, gather) : localStep(model, adam, gather(0, pick.length), pick.length, classes, mode);
        lossSum += loss * pick.length;
        samples += pick.length;
        if (b % 8 === 7) {
          ctx.progress((epoch - 1 + b / batchesPerEpoch) / options.maxEpochs, `epoch ${epoch}, loss ${(lossSum / Math.min(rows, (b + 1) * options.batchSize)).toFixed(3)}`);
          await nextTurn();
        }
      }
      trainSeconds += (performance.now() - started) / 1000;
      const val = validation ? validationScores(model, validation, normalizer) : null;
      epochs.push({
        epoch,
        loss: lossSum / rows,
        validationLoss: val?.loss ?? null,
        validationAccuracy: val?.accuracy ?? null,
        seconds: (performance.now() - started) / 1000,
      });
      const monitored = val ? val.loss : lossSum / rows;
      if (monitored < best.loss) best = { loss: monitored, epoch, weights: model.params.snapshot() };
      ctx.progress(epoch / options.maxEpochs, `epoch ${epoch}: loss ${(lossSum / rows).toFixed(3)}${val ? `, validation ${val.loss.toFixed(3)} (acc ${(100 * val.accuracy).toFixed(1)}%)` : ''}`);
      if (epoch - best.epoch >= options.patience) break;
    }
  } finally {
    products = [...new Set([...productsRan(), ...(parallel?.productsRan() ?? [])])].sort();
    await parallel?.close();
  }
  if (best.weights) model.params.restore(best.weights);
  const last = epochs.length;
  return {
    epochs,
    bestEpoch: best.epoch,
    stoppedEarly: last < options.maxEpochs,
    trainingRows: rows,
    samplesPerSecond: samples / trainSeconds,
    seconds: epochs.reduce((s, e) => s + e.seconds, 0),
    products,
  };
}
