/**
 * Attention maths of the paper's section II-C/II-D, on [batch, tokens, dims] tensors.
 *   eq. (1)  Attention(Q, K, V) = softmax(QKᵀ/√d_k)·V
 *   eq. (2)  multi-head: heads computed side by side, concatenated, projected by Wᴼ
 *   eq. (3)  F'_ass = softmax(Q_ass K_assᵀ/√d_k)·V_avc
 *   eq. (4)  F'_avc = softmax(Q_avc K_avcᵀ/√d_k)·V_ass
 * (3) and (4) apply each modality's own attention map to the other's values, so both must have
 * the same number of tokens.
 */
import * as tf from '@tensorflow/tfjs-core';
import { linear } from './linear.js';

/** softmax(QKᵀ/√d) for q, k [n, t, d] → [n, t, t] (rows sum to 1). */
export function attentionMap(q: tf.Tensor3D, k: tf.Tensor3D): tf.Tensor3D {
  const d = q.shape[2];
  return tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(d))) as tf.Tensor3D;
}

/** [b, t, h·dh] → [b·h, t, dh]: all heads as one batch, so each step is one product. */
export function splitHeads(x: tf.Tensor3D, heads: number): tf.Tensor3D {
  if (heads === 1) return x;
  const [b, t, d] = x.shape;
  return tf.reshape(tf.transpose(tf.reshape(x, [b, t, heads, d / heads]), [0, 2, 1, 3]), [b * heads, t, d / heads]);
}

/** Inverse of splitHeads: [b·h, t, dh] → [b, t, h·dh] (heads concatenated as in eq. 2). */
export function mergeHeads(x: tf.Tensor3D, heads: number): tf.Tensor3D {
  if (heads === 1) return x;
  const [bh, t, dh] = x.shape;
  return tf.reshape(tf.transpose(tf.reshape(x, [bh / heads, heads, t, dh]), [0, 2, 1, 3]), [bh / heads, t, heads * dh]);
}

/**
 * Projections of one attention module: query, key and value side by side in one [d, 3d] matrix
 * (one product instead of three: wasm pays per op far more than per flop at these sizes), and the
 * output projection.
 */
export interface AttentionParams {
  wqkv: tf.Tensor2D;
  wo: tf.Tensor2D;
}

interface Projected {
  q: tf.Tensor3D;
  k: tf.Tensor3D;
  v: tf.Tensor3D;
}

function project(x: tf.Tensor3D, p: AttentionParams, heads: number): Projected {
  const [q, k, v] = tf.split(linear(x, p.wqkv, null), 3, 2) as tf.Tensor3D[];
  return { q: splitHeads(q, heads), k: splitHeads(k, heads), v: splitHeads(v, heads) };
}

const output = (heads3: tf.Tensor3D, p: AttentionParams, heads: number) =>
  linear(mergeHeads(heads3, heads), p.wo, null) as tf.Tensor3D;

/** Multi-head self-attention, eqs. (1) and (2): x [b, t, d] → [b, t, d]. */
export function selfAttention(x: tf.Tensor3D, p: AttentionParams, heads: number): tf.Tensor3D {
  const { q, k, v } = project(x, p, heads);
  return output(tf.matMul(attentionMap(q, k), v), p, heads);
}

/**
 * Cross-modal attention, eqs. (3) and (4), per head: each modality's map weights the other's values.
 * Returns [F'_ass, F'_avc], each [b, t, d].
 */
export function crossModalAttention(
  ass: tf.Tensor3D,
  avc: tf.Tensor3D,
  pAss: AttentionParams,
  pAvc: AttentionParams,
  heads: number,
): [tf.Tensor3D, tf.Tensor3D] {
  if (ass.shape[1] !== avc.shape[1]) {
    throw new Error(`cross-modal attention needs equal token counts, got ${ass.shape[1]} and ${avc.shape[1]}`);
  }
  const s = project(ass, pAss, heads);
  const c = project(avc, pAvc, heads);
  const fAss = output(tf.matMul(attentionMap(s.q, s.k), c.v), pAss, heads);
  const fAvc = output(tf.matMul(attentionMap(c.q, c.k), s.v), pAvc, heads);
  return [fAss, fAvc];
}
