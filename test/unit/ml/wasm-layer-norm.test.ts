/**
 * The fused layer norm (src-main/ml/wasm-layer-norm.ts) gives, bit for bit, what the composite of
 * tf.moments and element-wise ops gives on the wasm backend, forward and gradients for x, gain and
 * bias; frees what it allocates; and declines (null) where it cannot run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { fusedLayerNorm } from '../../../src-main/ml/wasm-layer-norm.js';
import { Rng } from '../../../src-main/util/random.js';
import { assertStepLeaksNothing } from '../../helpers/ml/no-leak.js';

const EPSILON = 1e-5;

/** The layer norm as the valence models wrote it before the fused op. */
function composite(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPSILON))), gain), bias);
}

const fused = (x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor) => fusedLayerNorm(x, gain as tf.Tensor1D, bias as tf.Tensor1D, EPSILON)!;

/** Output and gradients of Σ probe·layerNorm(x) for x, gain and bias, read out. */
function run(norm: (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.Tensor, x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, probe: tf.Tensor): Float32Array[] {
  return tf.tidy(() => {
    const y = norm(x, gain, bias).dataSync() as Float32Array;
    const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(norm(a, g, b), probe)))([x, gain, bias]);
    return [y, ...grads.map((t) => t.dataSync() as Float32Array)];
  });
}

/** The first index where two arrays differ bit for bit, or -1. */
function firstDifference(x: Float32Array, y: Float32Array): number {
  assert.equal(x.length, y.length);
  const bx = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const by = new Uint32Array(y.buffer, y.byteOffset, y.length);
  return bx.findIndex((v, i) => v !== by[i]);
}

const onWasm = (await initBackend({ prefer: 'wasm' })) === 'wasm';

test('the fused layer norm gives the composite\'s bits, forward and every gradient', { skip: !onWasm && 'wasm backend did not start' }, () => {
  const rng = new Rng(21);
  const random = (shape: number[], scale: number) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale), shape);
  // The model's [128, 8, 64], the toy models' 16 wide, an odd width, a single row.
  for (const shape of [[128, 8, 64], [40, 16], [3, 5, 37], [1, 7]]) {
    const d = shape[shape.length - 1];
    const [x, gain, bias, probe] = [random(shape, 3), random([d], 1), random([d], 1), random(shape, 1)];
    const want = run(composite, x, gain, bias, probe);
    const got = run(fused, x, gain, bias, probe);
    ['y', 'dx', 'dgain', 'dbias'].forEach((name, i) => {
      const at = firstDifference(got[i], want[i]);
      assert.equal(at, -1, `[${shape}] ${name}[${at}]: ${got[i][at]} vs ${want[i][at]}`);
    });
    tf.dispose([x, gain, bias, probe]);
  }
});

test('the fused layer norm frees everything it allocates', { skip: !onWasm && 'wasm backend did not start' }, () => {
  const [x, gain, bias] = [tf.randomNormal([6, 8]), tf.ones([8]), tf.zeros([8])];
  const step = () => tf.tidy(() => {
    tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(fused(a, g, b)))([x, gain, bias]);
  });
  assertStepLeaksNothing(step);
  tf.dispose([x, gain, bias]);
});

test('the fused layer norm declines on another backend and for int tensors', async () => {
  if (onWasm) {
    const ints = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32');
    assert.equal(fusedLayerNorm(ints, tf.ones([2]), tf.zeros([2]), EPSILON), null);
    tf.dispose(ints);
  }
  await initBackend({ prefer: 'cpu' });
  assert.equal(fusedLayerNorm(tf.ones([2, 2]), tf.ones([2]), tf.zeros([2]), EPSILON), null);
  await initBackend({ prefer: 'wasm' });
});
