/**
 * Matrix products whose gradients stay on the wasm backend's fast paths. In tfjs-backend-wasm 4.22
 * only an untransposed 2-D product runs through XNNPACK; the stock MatMul gradient multiplies with
 * transposeA/transposeB set, which falls to a naive loop 10–15× slower than the forward product
 * (measured: 128×5678×128 forward 7–14 ms, xᵀ·dy with transposeA 170 ms). Here each gradient is an
 * untransposed product of explicitly transposed operands, the small operand being the one moved.
 * Batched products (attention) have no fast path at all; A·Bᵀ is the least slow form of the naive
 * loop (rows contiguous in both), so every batched product below is written as one.
 */
import * as tf from '@tensorflow/tfjs-core';

const t2 = (x: tf.Tensor2D) => tf.transpose(x) as tf.Tensor2D;
const t3 = (x: tf.Tensor3D) => tf.transpose(x, [0, 2, 1]) as tf.Tensor3D;

/** xᵀ·dy for x [n, k], dy [n, m] as (dyᵀ·x)ᵀ: transposing dy and the [m, k] result moves little. */
function weightGrad(x: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  return t2(tf.matMul(t2(dy), x));
}

type Args = Array<tf.Tensor | tf.GradSaveFunc>;

/** x·w where both may need gradients (hidden layers). */
const matMulBoth = tf.customGrad((...args: Args) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as tf.Tensor2D[];
      return [tf.matMul(dy, t2(ws)), weightGrad(xs, dy)];
    },
  };
});

/**
 * x·w for x [n, k] and w [k, m]. `xIsData` skips dx (an input layer's x is never trained, and its
 * dx would be the most expensive product of the step).
 */
export function matMul2d(x: tf.Tensor2D, w: tf.Tensor2D, xIsData = false): tf.Tensor2D {
  if (!xIsData) return matMulBoth(x, w) as tf.Tensor2D;
  const onlyW = tf.customGrad((...args: Args) => ({
    value: tf.matMul(x, args[0] as tf.Tensor2D) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D) => weightGrad(x, dy),
  }));
  return onlyW(w) as tf.Tensor2D;
}

/** x·w + b over the last axis of x (any rank ≥ 2), reshaped through a 2-D product. */
export function linear(x: tf.Tensor, w: tf.Tensor2D, b: tf.Tensor1D | null, xIsData = false): tf.Tensor {
  const k = x.shape[x.rank - 1];
  const y = matMul2d(tf.reshape(x, [-1, k]) as tf.Tensor2D, w, xIsData);
  const out = tf.reshape(y, [...x.shape.slice(0, -1), w.shape[1]]);
  return b ? tf.add(out, b) : out;
}

/** a·bᵀ for batches of matrices: a [n, p, k], b [n, q, k] → [n, p, q]. */
export const batchMatMulABt = tf.customGrad((...args: Args) => {
  const [a, b, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b, false, true),
    gradFunc: (g: tf.Tensor3D, saved: tf.Tensor[]) => {
      const [as, bs] = saved as tf.Tensor3D[];
      // da = g·b = g·(bᵀ)ᵀ; db = gᵀ·a = gᵀ·(aᵀ)ᵀ.
      return [tf.matMul(g, t3(bs), false, true), tf.matMul(t3(g), t3(as), false, true)];
    },
  };
}) as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

/** a·b for batches: a [n, p, k], b [n, k, q] → [n, p, q], through a·(bᵀ)ᵀ. */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return batchMatMulABt(a, t3(b));
}
