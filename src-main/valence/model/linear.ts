/**
 * x·w + b over the last axis of x (any rank ≥ 2), as one 2-D product: the wasm backend runs 2-D
 * products through XNNPACK, while batched ones fall to a plain loop.
 */
import * as tf from '@tensorflow/tfjs-core';

export function linear(x: tf.Tensor, w: tf.Tensor2D, b: tf.Tensor1D | null): tf.Tensor {
  const k = x.shape[x.rank - 1];
  const y = tf.matMul(tf.reshape(x, [-1, k]) as tf.Tensor2D, w);
  const out = tf.reshape(y, [...x.shape.slice(0, -1), w.shape[1]]);
  return b ? tf.add(out, b) : out;
}
