/**
 * The tensor attention (eqs. 1–4) against the loop-by-loop reference in naive-attention.ts, on
 * seeded random data, float32 tolerance 1e-4. Runs on the wasm backend, the one training uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { attentionMap, crossModalAttention, mergeHeads, selfAttention, splitHeads, type AttentionParams } from '../../../src-main/valence/model/attention.js';
import { linear } from '../../../src-main/valence/model/linear.js';
import { matMul, naiveCrossModal, naiveMap, naiveSelfAttention, type Mat, type NaiveParams } from '../../helpers/valence/naive-attention.js';

await initBackend();

function rand(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}
const mat = (r: () => number, rows: number, cols: number): Mat => Array.from({ length: rows }, () => Array.from({ length: cols }, r));
const params = (r: () => number, d: number): NaiveParams => ({ wq: mat(r, d, d), wk: mat(r, d, d), wv: mat(r, d, d), wo: mat(r, d, d) });
const tensors = (p: NaiveParams): AttentionParams => ({
  wqkv: tf.tensor2d(p.wq.map((row, i) => [...row, ...p.wk[i], ...p.wv[i]])),
  wo: tf.tensor2d(p.wo),
});

function assertClose(got: unknown, want: unknown, tol = 1e-4) {
  const g = (got as number[][][]).flat(2) as number[];
  const w = (want as number[][][]).flat(2) as number[];
  assert.equal(g.length, w.length);
  const worst = Math.max(...g.map((x, i) => Math.abs(x - w[i])));
  assert.ok(worst < tol, `max |diff| ${worst}`);
}

test('attention map rows are softmax(QKᵀ/√d)', () => {
  const r = rand(1);
  const q = [mat(r, 5, 8), mat(r, 5, 8)];
  const k = [mat(r, 5, 8), mat(r, 5, 8)];
  const got = tf.tidy(() => attentionMap(tf.tensor3d(q), tf.tensor3d(k)).arraySync());
  assertClose(got, [naiveMap(q[0], k[0]), naiveMap(q[1], k[1])]);
});

test('heads split and merge are inverse, and split takes column blocks', () => {
  const x = tf.tensor3d(mat(rand(2), 3, 8).map((row) => [row, row.map((v) => v * 2)]));
  tf.tidy(() => {
    const split = splitHeads(x, 4);
    assert.deepEqual(split.shape, [12, 2, 2]);
    assert.deepEqual(mergeHeads(split, 4).arraySync(), x.arraySync());
    const xs = x.arraySync();
    assert.deepEqual(split.arraySync()[1][0], xs[0][0].slice(2, 4));
  });
  x.dispose();
});

for (const heads of [1, 4]) {
  test(`multi-head self-attention matches the reference (${heads} head${heads > 1 ? 's' : ''})`, () => {
    const r = rand(3 + heads);
    const d = 8;
    const p = params(r, d);
    const x = [mat(r, 6, d), mat(r, 6, d), mat(r, 6, d)];
    const before = tf.memory().numTensors;
    const tp = tensors(p);
    const got = tf.tidy(() => selfAttention(tf.tensor3d(x), tp, heads).arraySync());
    Object.values(tp).forEach((t) => t.dispose());
    assert.equal(tf.memory().numTensors, before, 'no tensors leak');
    assertClose(got, x.map((xi) => naiveSelfAttention(xi, p, heads)));
  });

  test(`cross-modal attention follows eqs. (3) and (4) (${heads} head${heads > 1 ? 's' : ''})`, () => {
    const r = rand(11 + heads);
    const d = 8;
    const pa = params(r, d);
    const pc = params(r, d);
    const ass = [mat(r, 4, d), mat(r, 4, d)];
    const avc = [mat(r, 4, d), mat(r, 4, d)];
    const [ta, tc] = [tensors(pa), tensors(pc)];
    const [fa, fc] = tf.tidy(() => crossModalAttention(tf.tensor3d(ass), tf.tensor3d(avc), ta, tc, heads).map((t) => t.arraySync()));
    const want = ass.map((a, i) => naiveCrossModal(a, avc[i], pa, pc, heads));
    assertClose(fa, want.map((w) => w[0]));
    assertClose(fc, want.map((w) => w[1]));
  });
}

test('cross-modal attention refuses unequal token counts', () => {
  const p = tensors(params(rand(5), 4));
  assert.throws(() => tf.tidy(() => crossModalAttention(tf.zeros([1, 3, 4]), tf.zeros([1, 5, 4]), p, p, 1)), /equal token counts/);
});

test('linear maps the last axis of any rank and adds the bias', () => {
  const r = rand(21);
  const x = [mat(r, 3, 5), mat(r, 3, 5)];
  const w = mat(r, 5, 4);
  const b = [0.5, -1, 2, 0];
  const got = tf.tidy(() => linear(tf.tensor3d(x), tf.tensor2d(w), tf.tensor1d(b)).arraySync());
  assertClose(got, x.map((xi) => matMul(xi, w).map((row) => row.map((v, j) => v + b[j]))));
});
