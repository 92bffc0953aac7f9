/**
 * A bidirectional GRU (reset gate after the recurrent product, as Keras' reset_after and PyTorch)
 * that runs both directions in one loop over time with one 2-D product per step, so the per-step
 * op count, which dominates on wasm, is about a dozen for both directions together.
 *
 * The backward direction reads the sequence reversed, so at loop step t the state is
 * [h_fwd(t), h_bwd(T−1−t)]. Gate columns are laid out [z_f z_b | r_f r_b | n_f n_b] (H each)
 * so the gates of both directions are contiguous slices; block masks keep the directions apart:
 * forward inputs and states feed only *_f columns, backward ones only *_b columns.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface BiGruWeights {
  /** [2D, 6H]: rows 0..D−1 see x(t), rows D..2D−1 see x(T−1−t). */
  kernel: tf.Variable;
  /** [2H, 6H]. */
  recurrent: tf.Variable;
  /** [6H], added to the input projection. */
  bias: tf.Variable;
  /** [6H], added to the recurrent projection (inside r ⊙ … for the candidate). */
  recurrentBias: tf.Variable;
}

/** 1 where row block (direction) matches the column's direction; columns cycle f, b every H. */
export function directionMask(rowsPerDirection: number, units: number): tf.Tensor2D {
  const rows = 2 * rowsPerDirection;
  const cols = 6 * units;
  const m = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const rowBackward = i >= rowsPerDirection;
    for (let j = 0; j < cols; j++) m[i * cols + j] = rowBackward === (Math.floor(j / units) % 2 === 1) ? 1 : 0;
  }
  return tf.tensor2d(m, [rows, cols]);
}

/** Glorot-uniform kernels (zeroed off their direction block), zero biases; seeded. */
export function initBiGru(inputDim: number, units: number, seed: number): BiGruWeights {
  return tf.tidy(() => {
    const glorot = (rows: number, cols: number, s: number) => {
      const limit = Math.sqrt(6 / (rows / 2 + cols / 2));
      return tf.randomUniform([rows, cols], -limit, limit, 'float32', s);
    };
    return {
      kernel: tf.variable(tf.mul(glorot(2 * inputDim, 6 * units, seed), directionMask(inputDim, units)), true),
      recurrent: tf.variable(tf.mul(glorot(2 * units, 6 * units, seed + 1), directionMask(units, units)), true),
      bias: tf.variable(tf.zeros([6 * units]), true),
      recurrentBias: tf.variable(tf.zeros([6 * units]), true),
    };
  });
}

/**
 * x [B, T, D] → [B, T, 2H]: forward state then backward state for each time step.
 * `masks` are directionMask(D, H) and directionMask(H, H), made once by the caller.
 */
export function biGru(x: tf.Tensor3D, w: BiGruWeights, masks: { kernel: tf.Tensor2D; recurrent: tf.Tensor2D }): tf.Tensor3D {
  const [batch, steps, dim] = x.shape;
  const units = w.recurrent.shape[0] / 2;
  const timeMajor = tf.transpose(x, [1, 0, 2]);
  const both = tf.concat([timeMajor, tf.reverse(timeMajor, 0)], 2);
  const projected = tf.add(tf.matMul(tf.reshape(both, [steps * batch, 2 * dim]), tf.mul(w.kernel, masks.kernel)), w.bias);
  const inputs = tf.unstack(tf.reshape(projected, [steps, batch, 6 * units]));
  const recurrent = tf.mul(w.recurrent, masks.recurrent) as tf.Tensor2D;
  let h: tf.Tensor2D = tf.zeros([batch, 2 * units]);
  const states: tf.Tensor2D[] = [];
  for (const gx of inputs) {
    const gh = tf.fused.matMul({ a: h, b: recurrent, bias: w.recurrentBias });
    const [xzr, xn] = tf.split(gx, [4 * units, 2 * units], 1);
    const [hzr, hn] = tf.split(gh, [4 * units, 2 * units], 1);
    const [z, r] = tf.split(tf.sigmoid(tf.add(xzr, hzr)), 2, 1);
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    h = tf.add(n, tf.mul(z, tf.sub(h, n)));
    states.push(h);
  }
  // Row t holds [h_f(t), h_b(T−1−t)]; flipping the backward half in time lines both up at t.
  const stacked = tf.stack(states) as tf.Tensor3D;
  const forwardOnly = tf.tensor1d(Array.from({ length: 2 * units }, (_, i) => (i < units ? 1 : 0)));
  const aligned = tf.add(tf.mul(stacked, forwardOnly), tf.mul(tf.reverse(stacked, 0), tf.sub(1, forwardOnly)));
  return tf.transpose(aligned, [1, 0, 2]) as tf.Tensor3D;
}
