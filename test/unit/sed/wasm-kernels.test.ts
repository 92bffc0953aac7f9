/**
 * The replaced wasm kernels (src-main/ml) against tfjs's reference cpu backend, on seeded random
 * data with odd shapes, strides and both paddings: the same ops and tf.grads calls must agree to
 * float32 accuracy, and nothing may be left allocated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';

interface Case {
  x: [number, number, number, number];
  f: [number, number, number, number];
  strides: [number, number];
  pad: 'same' | 'valid';
}

const cases: Case[] = [
  { x: [2, 9, 7, 3], f: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
  { x: [3, 8, 6, 2], f: [3, 3, 2, 5], strides: [1, 1], pad: 'valid' },
  { x: [2, 11, 10, 3], f: [3, 5, 3, 2], strides: [2, 2], pad: 'same' },
  { x: [1, 10, 9, 4], f: [2, 3, 4, 3], strides: [2, 3], pad: 'valid' },
  { x: [4, 20, 16, 1], f: [5, 5, 1, 8], strides: [1, 1], pad: 'same' },
];

function seeded(shape: number[], seed: number): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

async function grads(backend: 'wasm' | 'cpu', c: Case, seed: number) {
  await initBackend({ prefer: backend });
  const x = tf.tensor4d(seeded(c.x, seed), c.x);
  const w = tf.tensor4d(seeded(c.f, seed + 1), c.f);
  const probe = tf.tensor(seeded(tf.conv2d(x, w, c.strides, c.pad).shape, seed + 2), tf.conv2d(x, w, c.strides, c.pad).shape);
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), probe)));
  const [dx, dw] = g([x, w]);
  return { dx: await dx.data(), dw: await dw.data(), dwShape: dw.shape };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('wasm Conv2DBackpropFilter/Input match the cpu backend', async () => {
  for (const [i, c] of cases.entries()) {
    const ref = await grads('cpu', c, 7 + i);
    const got = await grads('wasm', c, 7 + i);
    assert.deepEqual(got.dwShape, c.f);
    assert.ok(maxAbsDiff(got.dw, ref.dw) < 1e-4, `dW case ${i}: ${maxAbsDiff(got.dw, ref.dw)}`);
    assert.ok(maxAbsDiff(got.dx, ref.dx) < 1e-4, `dx case ${i}: ${maxAbsDiff(got.dx, ref.dx)}`);
  }
});

test('wasm conv gradients leak no tensors', async () => {
  await initBackend({ prefer: 'wasm' });
  const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, 3, 4]) as tf.Tensor4D;
  const before = tf.memory().numTensors;
  // Intermediates made inside a kernel are invisible to the engine: count the backend's buffers too.
  const buffersBefore = tf.engine().backend.numDataIds();
  tf.tidy(() => {
    tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')))([x, w]);
  });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(tf.engine().backend.numDataIds(), buffersBefore);
  tf.dispose([x, w]);
});

test('wasm MaxPoolGrad matches the cpu backend, tiled and overlapping windows', async () => {
  const pools: Array<{ x: [number, number, number, number]; size: [number, number]; strides: [number, number]; pad: 'same' | 'valid' }> = [
    { x: [2, 8, 12, 3], size: [2, 4], strides: [2, 4], pad: 'valid' },
    { x: [1, 6, 8, 5], size: [1, 4], strides: [1, 4], pad: 'same' },
    { x: [2, 7, 9, 2], size: [3, 3], strides: [2, 2], pad: 'same' },
  ];
  for (const [i, p] of pools.entries()) {
    const out: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend({ prefer: backend });
      const x = tf.tensor4d(seeded(p.x, 31 + i), p.x);
      const yShape = tf.maxPool(x, p.size, p.strides, p.pad).shape;
      const probe = tf.tensor(seeded(yShape, 57 + i), yShape);
      const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, p.size, p.strides, p.pad), probe)))(x);
      out.push((await dx.data()) as Float32Array);
    }
    assert.ok(maxAbsDiff(out[0], out[1]) < 1e-6, `pool case ${i}: ${maxAbsDiff(out[0], out[1])}`);
  }
});

test('wasm BatchMatMul with transposed operands matches the cpu backend', async () => {
  const shapes: Array<[number[], number[], boolean, boolean]> = [
    [[7, 5], [5, 3], false, false],
    [[5, 7], [5, 3], true, false],
    [[7, 5], [3, 5], false, true],
    [[5, 7], [3, 5], true, true],
    [[1, 5, 7], [1, 3, 5], true, true],
    [[4, 5, 7], [4, 5, 3], true, false],
  ];
  for (const [i, [sa, sb, ta, tb]] of shapes.entries()) {
    const out: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend({ prefer: backend });
      const y = tf.matMul(tf.tensor(seeded(sa, 3 + i), sa), tf.tensor(seeded(sb, 5 + i), sb), ta, tb);
      out.push((await y.data()) as Float32Array);
    }
    assert.ok(maxAbsDiff(out[0], out[1]) < 1e-5, `matMul case ${i}: ${maxAbsDiff(out[0], out[1])}`);
  }
});

test('wasm copy-free Slice/Unpack/SplitV/Identity/Reverse/Concat/Transpose match the cpu backend', async () => {
  const shape = [3, 4, 5, 6];
  const results: unknown[][] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    await initBackend({ prefer: backend });
    const x = tf.tensor(seeded(shape, 11), shape);
    const outs = [
      tf.slice(x, [1, 0, 2, 1], [2, 3, 2, 4]),
      tf.slice(x, [0, 1, 0, 0], [3, 2, 5, 6]),
      tf.slice(tf.reshape(x, [12, 30]), [2, 5], [4, 7]),
      ...tf.unstack(x, 1),
      ...tf.unstack(x, 3),
      ...tf.split(x, [1, 3, 2], 3),
      ...tf.split(x, 2, 1),
      tf.clone(x),
      tf.reverse(x, 0),
      tf.reverse(x, [1, 3]),
      tf.reverse(x, [2]),
      tf.reverse(tf.reshape(x, [360]), 0),
      tf.concat([x, x], 0),
      tf.concat([x, tf.slice(x, [0, 0, 0, 0], [3, 4, 5, 2]), x], 3),
      tf.concat([tf.slice(x, [0, 0, 0, 0], [3, 1, 5, 6]), x, tf.zeros([3, 0, 5, 6])], 1),
      tf.concat([tf.cast(x, 'int32'), tf.ones([3, 4, 1, 6], 'int32')], 2),
      tf.concat([tf.reshape(x, [360]), tf.ones([5])]),
      tf.concat([tf.zeros([0, 6], 'int32'), tf.ones([2, 6]), tf.reshape(x, [60, 6])]), // dtypes differ: the first input's
      tf.transpose(x, [0, 2, 1, 3]), // an attention's head split: runs of the last axis
      tf.transpose(x, [2, 1, 0, 3]),
      tf.transpose(tf.reshape(x, [12, 5, 6]), [1, 0, 2]),
      tf.transpose(tf.reshape(x, [60, 6]), [0, 1]),
      tf.transpose(tf.cast(x, 'int32'), [1, 0, 2, 3]),
      tf.transpose(x, [3, 1, 2, 0]), // the last axis moves: the stock kernel
    ];
    results.push(outs.map((t) => [t.dtype, t.shape, Array.from(t.dataSync())]));
  }
  assert.deepEqual(results[1], results[0]);
});
