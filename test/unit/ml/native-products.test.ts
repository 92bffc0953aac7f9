/**
 * Single products on ONNX Runtime (src-main/ml/native-products.ts): every transpose pair and odd
 * sizes match float64, gradients through them too, they run in place on the wasm heap without
 * leaking buffers, and the switch takes them back to XNNPACK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { gemmModel, nativeProductsActive, setNativeProducts } from '../../../src-main/ml/native-products.js';
import { Rng } from '../../../src-main/util/random.js';
import { assertStepLeaksNothing } from '../../helpers/ml/no-leak.js';
import { referenceProduct } from '../../helpers/ml/reference-product.js';

const onWasm = (await initBackend({ prefer: 'wasm' })) === 'wasm';
const skip = !onWasm && 'wasm backend only';

const random = (n: number, rng: Rng) => Float32Array.from({ length: n }, () => rng.normal());
const worstError = (got: ArrayLike<number>, want: ArrayLike<number>) => Array.from(want).reduce((w, x, i) => Math.max(w, Math.abs(x - got[i])), 0);

test('the product model is one Gemm with free dimensions', () => {
  const bytes = gemmModel(true, false);
  const text = Buffer.from(bytes).toString('latin1');
  assert.ok(text.includes('Gemm') && text.includes('transA'));
});

test('ONNX Runtime products match float64 for every transpose pair and odd sizes', { skip }, () => {
  setNativeProducts(true);
  assert.ok(nativeProductsActive(), 'ONNX Runtime should load here');
  const rng = new Rng(7);
  for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [129, 710, 17], [1024, 64, 192]]) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const as = ta ? [k, m] : [m, k];
        const bs = tb ? [n, k] : [k, n];
        const a = random(m * k, rng);
        const b = random(k * n, rng);
        const got = tf.tidy(() => tf.matMul(tf.tensor2d(a, as as [number, number]), tf.tensor2d(b, bs as [number, number]), ta, tb).dataSync());
        assert.deepEqual([got.length], [m * n]);
        const worst = worstError(got, referenceProduct(a, as, b, bs, ta, tb));
        assert.ok(worst < 1e-4 * Math.sqrt(k), `[${as}]${ta ? 'ᵀ' : ''}·[${bs}]${tb ? 'ᵀ' : ''}: off by ${worst}`);
      }
    }
  }
});

test('gradients through ONNX Runtime products match float64', { skip }, () => {
  setNativeProducts(true);
  const rng = new Rng(8);
  const [m, k, n] = [33, 20, 9];
  const a = random(m * k, rng);
  const b = random(k * n, rng);
  const dy = random(m * n, rng);
  const [da, db] = tf.tidy(() => {
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), tf.tensor2d(dy, [m, n])));
    return tf.grads(f)([tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])]).map((g) => g.dataSync());
  });
  // dA = dY·Bᵀ, dB = Aᵀ·dY.
  assert.ok(worstError(da, referenceProduct(dy, [m, n], b, [k, n], false, true)) < 1e-4);
  assert.ok(worstError(db, referenceProduct(a, [m, k], dy, [m, n], true, false)) < 1e-4);
});

test('ONNX Runtime products leave no tensor or heap buffer behind', { skip }, () => {
  setNativeProducts(true);
  const a = tf.randomNormal([64, 48]);
  const b = tf.randomNormal([64, 32]);
  assertStepLeaksNothing(() => tf.tidy(() => void tf.matMul(a, b, true, false).dataSync()));
  tf.dispose([a, b]);
});

test('the switch changes the engine: XNNPACK off, MLAS on, apart by rounding only', { skip }, () => {
  const rng = new Rng(9);
  const a = tf.tensor2d(random(300 * 90, rng), [300, 90]);
  const b = tf.tensor2d(random(90 * 40, rng), [90, 40]);
  const product = () => tf.tidy(() => tf.matMul(a, b).dataSync() as Float32Array);
  setNativeProducts(false);
  const off = product();
  const offAgain = product();
  setNativeProducts(true);
  const on = product();
  const bits = (x: Float32Array) => new Uint32Array(x.buffer, x.byteOffset, x.length);
  assert.deepEqual(bits(offAgain), bits(off));
  // Fused multiply-adds round differently from XNNPACK's separate ones: some bits must differ.
  assert.ok(bits(on).some((v, i) => v !== bits(off)[i]), 'the switch changed nothing');
  assert.ok(worstError(on, off) < 1e-4);
  tf.dispose([a, b]);
});
