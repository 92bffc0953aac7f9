/**
 * Building blocks shared by the six models: feature-segment tokens, the transformer encoder layer
 * (post-norm, as in the paper's reference [19]), and the two final dense layers. Each block has a
 * `…Params` function that creates its parameters under a name prefix and a forward function.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dropout as seededDropout } from '../../ml/dropout.js';
import { fusedLayerNorm } from '../../ml/wasm-layer-norm.js';
import type { Rng } from '../../util/random.js';
import { selfAttention, type AttentionParams } from './attention.js';
import { linear } from './linear.js';
import type { Params } from './params.js';

/** What a forward pass needs besides inputs: whether it trains (dropout on) and a seed source. */
export interface ForwardMode {
  training: boolean;
  rng: Rng;
}

export function dropout(x: tf.Tensor, rate: number, mode: ForwardMode): tf.Tensor {
  return mode.training && rate > 0 ? seededDropout(x, rate, Math.floor(mode.rng.next() * 2 ** 31)) : x;
}

export interface Dense {
  w: tf.Tensor2D;
  b: tf.Tensor1D;
}

export function denseParams(p: Params, name: string, inDims: number, outDims: number): Dense {
  return { w: p.add(`${name}.w`, [inDims, outDims], 'glorot') as tf.Tensor2D, b: p.add(`${name}.b`, [outDims], 'zeros') as tf.Tensor1D };
}

export const dense = (x: tf.Tensor, d: Dense): tf.Tensor => linear(x, d.w, d.b);

/**
 * A feature vector cut into `tokens` equal segments (the batch builder zero-pads it to
 * tokens × segment), each segment embedded by one shared linear map plus a learned position
 * embedding that tells the segments apart.
 */
export interface Tokenizer {
  embed: Dense;
  position: tf.Tensor2D;
  tokens: number;
  segment: number;
}

export const segmentWidth = (dims: number, tokens: number): number => Math.ceil(dims / tokens);

export function tokenizerParams(p: Params, name: string, dims: number, tokens: number, modelDims: number): Tokenizer {
  const segment = segmentWidth(dims, tokens);
  return {
    embed: denseParams(p, `${name}.embed`, segment, modelDims),
    position: p.add(`${name}.position`, [tokens, modelDims], 'embedding') as tf.Tensor2D,
    tokens,
    segment,
  };
}

/** x [b, tokens·segment] → [b, tokens, d]. */
export function tokenize(x: tf.Tensor2D, t: Tokenizer): tf.Tensor3D {
  const b = x.shape[0];
  const seg = tf.reshape(x, [b * t.tokens, t.segment]);
  const e = tf.reshape(dense(seg, t.embed), [b, t.tokens, -1]);
  return tf.add(e, t.position) as tf.Tensor3D;
}

export interface LayerNorm {
  gain: tf.Tensor1D;
  bias: tf.Tensor1D;
}

export function layerNormParams(p: Params, name: string, dims: number): LayerNorm {
  return { gain: p.add(`${name}.gain`, [dims], 'ones') as tf.Tensor1D, bias: p.add(`${name}.bias`, [dims], 'zeros') as tf.Tensor1D };
}

export function layerNorm(x: tf.Tensor, n: LayerNorm): tf.Tensor {
  // One kernel each way on wasm, with the same bits as the composed ops below (which other backends run).
  const fused = fusedLayerNorm(x, n.gain, n.bias, 1e-5);
  if (fused) return fused;
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), n.gain), n.bias);
}

export function attentionParams(p: Params, name: string, dims: number): AttentionParams {
  return {
    wqkv: p.add(`${name}.wqkv`, [dims, 3 * dims], 'glorot') as tf.Tensor2D,
    wo: p.add(`${name}.wo`, [dims, dims], 'glorot') as tf.Tensor2D,
  };
}

export interface EncoderLayer {
  attention: AttentionParams;
  norm1: LayerNorm;
  ffn1: Dense;
  ffn2: Dense;
  norm2: LayerNorm;
}

export function encoderParams(p: Params, name: string, dims: number, ffnDims: number): EncoderLayer {
  return {
    attention: attentionParams(p, `${name}.attention`, dims),
    norm1: layerNormParams(p, `${name}.norm1`, dims),
    ffn1: denseParams(p, `${name}.ffn1`, dims, ffnDims),
    ffn2: denseParams(p, `${name}.ffn2`, ffnDims, dims),
    norm2: layerNormParams(p, `${name}.norm2`, dims),
  };
}

/** x = LN(x + MHA(x)); x = LN(x + FFN(x)), over [b, tokens, d]. */
export function encoderLayer(x: tf.Tensor3D, e: EncoderLayer, heads: number, rate: number, mode: ForwardMode): tf.Tensor3D {
  const a = layerNorm(tf.add(x, dropout(selfAttention(x, e.attention, heads), rate, mode)), e.norm1);
  const f = dense(tf.relu(dense(a, e.ffn1)), e.ffn2);
  return layerNorm(tf.add(a, dropout(f, rate, mode)), e.norm2) as tf.Tensor3D;
}

export interface Classifier {
  hidden: Dense;
  out: Dense;
}

export function classifierParams(p: Params, inDims: number, hidden: number, classes: number): Classifier {
  return { hidden: denseParams(p, 'head.hidden', inDims, hidden), out: denseParams(p, 'head.out', hidden, classes) };
}

/** The paper's "two fully connected layers": features [b, f] → logits [b, classes]. */
export function classify(x: tf.Tensor, c: Classifier, rate: number, mode: ForwardMode): tf.Tensor2D {
  return dense(dropout(tf.relu(dense(x, c.hidden)), rate, mode), c.out) as tf.Tensor2D;
}
