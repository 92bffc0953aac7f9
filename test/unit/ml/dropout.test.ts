/** Our dropout (src-main/ml/dropout.ts) gives tf.dropout's bits, forward and gradient, for any seed and rate. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { dropout } from '../../../src-main/ml/dropout.js';

await initBackend();

const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

test('the same bits as tf.dropout, forward and backward, over seeds and rates', () => {
  const x = tf.randomNormal([7, 9, 13], 0, 1, 'float32', 4);
  const dy = tf.randomNormal([7, 9, 13], 0, 1, 'float32', 5);
  // 1e-9: below 2⁻²⁴, where tfjs's own op answers.
  for (const rate of [1e-9, 2 ** -24, 0.1, 0.25, 0.5, 0.9]) {
    for (const seed of [0, 1, 123456789, 2 ** 31 - 1]) {
      tf.tidy(() => {
        assert.deepEqual(bits(dropout(x, rate, seed)), bits(tf.dropout(x, rate, undefined, seed)), `rate ${rate}, seed ${seed}`);
        const ours = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(dropout(v, rate, seed), dy)))(x);
        const theirs = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.dropout(v, rate, undefined, seed), dy)))(x);
        assert.deepEqual(bits(ours), bits(theirs));
      });
    }
  }
  tf.dispose([x, dy]);
});

test('rate 0 is the input itself; rates outside [0, 1) are refused', () => {
  const x = tf.ones([3]);
  assert.equal(dropout(x, 0, 1), x);
  assert.throws(() => dropout(x, 1, 1), /dropout rate must be in \[0, 1\), got 1/);
  assert.throws(() => dropout(x, -0.1, 1), /got -0.1/);
  x.dispose();
});
