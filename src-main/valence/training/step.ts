/**
 * One training step's maths, shared by the single-thread loop and the data-parallel replicas: the
 * loss of some rows of a batch and its gradient. A replica's loss is its rows' summed
 * cross-entropy divided by the whole batch's size, so the replicas' gradients add up to the
 * gradient of the batch mean, as one thread computes it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import type { ForwardMode } from '../model/layers.js';
import type { ValenceModel } from '../model/model.js';
import { inputTensors } from './predict.js';

/** Summed cross-entropy of logits [b, 7] against classes 1..7, divided by `over` (the batch mean by default). */
export function crossEntropy(logits: tf.Tensor2D, classes: Int32Array, over = classes.length): tf.Scalar {
  const onehot = tf.oneHot(tf.tensor1d(Int32Array.from(classes, (c) => c - 1), 'int32'), VALENCE_CLASS_COUNT);
  return tf.div(tf.sum(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, onehot), 1))), over);
}

/** Rows `from`…`to` of a gathered batch (one array per input group, as gatherBatch lays them out). */
export function batchRows(model: ValenceModel, data: Float32Array[], from: number, to: number): Float32Array[] {
  return model.groups.map((g, i) => data[i].subarray(from * g.window * g.width, to * g.window * g.width));
}

/** Loss and gradients (aligned with model.params.list()) of `rows` gathered rows; call inside tf.tidy. */
export function lossAndGradients(
  model: ValenceModel,
  data: Float32Array[],
  rows: number,
  classes: Int32Array,
  over: number,
  mode: ForwardMode,
): { loss: tf.Scalar; grads: tf.Tensor[] } {
  const vars = model.params.list();
  const inputs = inputTensors(model, data, rows);
  const { value, grads } = tf.variableGrads(() => crossEntropy(model.logits(inputs, mode), classes, over), vars);
  return { loss: value, grads: vars.map((v) => grads[v.name]) };
}

/** The same as one flat array in parameter order, read out of the backend (replicas exchange it). */
export function flatGradient(...args: Parameters<typeof lossAndGradients>): { loss: number; grad: Float32Array } {
  // Kept out of tidy's return value: tidy walks what it returns key by key looking for tensors,
  // 50 ms for a gradient of 155,000 floats.
  let out: { loss: number; grad: Float32Array } = { loss: 0, grad: new Float32Array(0) };
  tf.tidy(() => {
    const { loss, grads } = lossAndGradients(...args);
    out = { loss: loss.dataSync()[0], grad: tf.concat(grads.map((g) => tf.reshape(g, [-1]))).dataSync() as Float32Array };
  });
  return out;
}
