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
});

test('the update has the bits of the tfjs ops it replaced', () => {
  // 303 values: the SIMD lanes and the scalar tail both run.
  const init = Float32Array.from({ length: 303 }, (_, i) => Math.sin(i) * 0.3);
  const a = tf.variable(tf.tensor2d(init.slice(0, 200), [20, 10]));
  const b = tf.variable(tf.tensor1d(init.slice(200)));
  const options = { learningRate: 0.005, decay: 0.005 };
  const adam = new Adam([a, b], options);
  // The former update, op for op, on one flat vector.
  let [w, m, v] = [tf.tensor1d(init), tf.zeros([303]), tf.zeros([303])];
  for (let t = 1; t <= 5; t++) {
    const g = Float32Array.from({ length: 303 }, (_, i) => Math.cos(i * t) * 10 ** ((i % 7) - 4));
    const rate = options.learningRate / (1 + options.decay * (t - 1));
    const step = (rate * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
    [w, m, v] = tf.tidy(() => {
      const gt = tf.tensor1d(g);
      const m2 = tf.add(tf.mul(m, 0.9), tf.mul(gt, 1 - 0.9));
      const v2 = tf.add(tf.mul(v, 0.999), tf.mul(tf.square(gt), 1 - 0.999));
      return [tf.sub(w, tf.mul(tf.div(m2, tf.add(tf.sqrt(v2), 1e-7)), step)), m2, v2];
    });
    adam.applyFlat(g);
  }
  const bits = (x: Float32Array) => Array.from(new Uint32Array(x.slice().buffer));
  assert.deepEqual(bits(Float32Array.of(...a.dataSync(), ...b.dataSync())), bits(w.dataSync() as Float32Array));
  tf.dispose([a, b, w, m, v]);
});

test('a gradient of the wrong length is refused and changes nothing', () => {
  const a = tf.variable(tf.tensor1d([1, 2]));
  const adam = new Adam([a], { learningRate: 0.1, decay: 0 });
  assert.throws(() => adam.applyFlat(new Float32Array(3)), /3 gradients for 2 parameters/);
  assert.deepEqual(Array.from(a.dataSync()), [1, 2]);
  assert.equal(adam.iterations, 0);
  a.dispose();
});
