/** Adam with Keras decay against the update rule worked out by hand in float64. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { Adam } from '../../../src-main/valence/training/adam.js';

await initBackend();

test('three Adam steps with decay match the formula', () => {
  const a = tf.variable(tf.tensor1d([1, -2]));
  const b = tf.variable(tf.tensor2d([[0.5]]));
  const adam = new Adam([a, b], { learningRate: 0.1, decay: 0.5 });
  const grads = [
    [[0.2, -0.4], [1.0]],
    [[0.1, 0.3], [-0.5]],
    [[-0.3, 0.2], [0.25]],
  ];
  const w = [1, -2, 0.5];
  const m = [0, 0, 0];
  const v = [0, 0, 0];
  grads.forEach(([ga, gb], step) => {
    tf.tidy(() => adam.apply([tf.tensor1d(ga), tf.tensor2d([gb])]));
    const t = step + 1;
    const lr = 0.1 / (1 + 0.5 * step);
    const g = [...ga, ...gb];
    for (let i = 0; i < 3; i++) {
      m[i] = 0.9 * m[i] + 0.1 * g[i];
      v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
      w[i] -= ((lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t)) * (m[i] / (Math.sqrt(v[i]) + 1e-7));
    }
  });
  const got = [...a.dataSync(), ...b.dataSync()];
  got.forEach((x, i) => assert.ok(Math.abs(x - w[i]) < 1e-6, `w[${i}] ${x} vs ${w[i]}`));
  assert.equal(adam.iterations, 3);
  assert.ok(Math.abs(adam.currentRate() - 0.1 / 2.5) < 1e-12);
  adam.dispose();
});
