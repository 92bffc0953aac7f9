/**
 * Batched products on the wasm backend (src-main/ml/wasm-batch-matmul.ts) give the stock wasm
 * kernel's bits, whatever the transposes and sizes (blocks of 48 in the shared axis, rows not a
 * multiple of 4 or 16), broadcast one side correctly, and free what they allocate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { batchedMatMul } from '../../../src-main/ml/wasm-batch-matmul.js';
import type { HeapBackend } from '../../../src-main/ml/wasm-heap-module.js';
import { Rng } from '../../../src-main/util/random.js';
import { assertStepLeaksNothing } from '../../helpers/ml/no-leak.js';

const onWasm = (await initBackend({ prefer: 'wasm' })) === 'wasm';

interface WasmInternals {
  makeOutput(shape: number[], dtype: string): tf.TensorInfo;
  disposeData(dataId: object): void;
  dataIdMap: { get(dataId: object): { id: number } };
  numDataIds(): number;
  readSync(dataId: object): unknown;
  wasm: { cwrap(name: string, ret: null, args: string[]): (...args: unknown[]) => void };
}

/** tfjs-backend-wasm's own BatchMatMul export, called as its stock kernel calls it (rank-3, equal batches). */
function stockProduct(a: tf.Tensor3D, b: tf.Tensor3D, ta: boolean, tb: boolean): Float32Array {
  const backend = tf.backend() as unknown as WasmInternals;
  const call = backend.wasm.cwrap('BatchMatMul', null, ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number']);
  const m = ta ? a.shape[2] : a.shape[1];
  const n = tb ? b.shape[1] : b.shape[2];
  const out = backend.makeOutput([a.shape[0], m, n], 'float32');
  const id = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).id;
  const shape = (t: tf.Tensor) => new Uint8Array(new Int32Array(t.shape).buffer);
  call(id(a), shape(a), 3, id(b), shape(b), 3, ta, tb, id(out));
  return readAndFree(out);
}

function readAndFree(t: tf.TensorInfo): Float32Array {
  const backend = tf.backend() as unknown as WasmInternals;
  const values = backend.readSync(t.dataId) as Float32Array;
  backend.disposeData(t.dataId);
  return values;
}

function random(shape: number[], rng: Rng): tf.Tensor3D {
  const values = Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => rng.normal());
  // Signed zeros and exact cancellations are where summation orders show first.
  for (let i = 0; i < values.length; i += 7) values[i] = i % 2 ? -0 : 0;
  return tf.tensor3d(values, shape as [number, number, number]);
}

/** The first index where two arrays differ bit for bit (-0 ≠ 0), or -1. */
function firstDifference(x: Float32Array, y: Float32Array): number {
  assert.equal(x.length, y.length);
  const bx = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const by = new Uint32Array(y.buffer, y.byteOffset, y.length);
  return bx.findIndex((v, i) => v !== by[i]);
}

test('batched products give the stock wasm kernel\'s bits, every transpose and size', { skip: !onWasm && 'wasm backend did not start' }, () => {
  const rng = new Rng(11);
  // [batch, m, k, n]: attention's shapes, a shared axis over one and several blocks of 48, n with
  // 16-, 4- and 1-wide remainders, single rows and columns.
  const sizes = [
    [512, 8, 16, 8],
    [512, 8, 8, 16],
    [3, 70, 100, 5],
    [4, 7, 130, 37],
    [2, 1, 48, 1],
    [5, 9, 49, 23],
    [6, 3, 0, 4],
  ];
  for (const [batch, m, k, n] of sizes) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const a = random(ta ? [batch, k, m] : [batch, m, k], rng);
      const b = random(tb ? [batch, n, k] : [batch, k, n], rng);
      const want = stockProduct(a, b, ta, tb);
      const out = batchedMatMul(tf.backend() as unknown as HeapBackend, a, b, ta, tb);
      assert.ok(out, 'taken by the batched kernel');
      const got = readAndFree(out);
      const at = firstDifference(got, want);
      assert.equal(at, -1, `[${batch},${m},${k},${n}] ta=${ta} tb=${tb}: element ${at} is ${got[at]}, stock ${want[at]}`);
      tf.dispose([a, b]);
    }
  }
});

test('one side with a single matrix is broadcast over the other\'s batch', { skip: !onWasm && 'wasm backend did not start' }, () => {
  const rng = new Rng(12);
  const a = random([1, 5, 6], rng);
  const b = random([4, 7, 6], rng);
  const got = tf.tidy(() => [tf.matMul(a, b, false, true).arraySync() as number[][][], tf.matMul(b, a, false, true).arraySync() as number[][][]]);
  const av = a.arraySync()[0];
  const bv = b.arraySync();
  for (let s = 0; s < 4; s++) {
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 7; j++) {
        let dot = 0;
        for (let p = 0; p < 6; p++) dot += av[i][p] * bv[s][j][p];
        assert.ok(Math.abs(got[0][s][i][j] - dot) < 1e-5, `a·bᵀ[${s}][${i}][${j}]: ${got[0][s][i][j]} vs ${dot}`);
        assert.ok(Math.abs(got[1][s][j][i] - dot) < 1e-5, `b·aᵀ[${s}][${j}][${i}]: ${got[1][s][j][i]} vs ${dot}`);
      }
    }
  }
  tf.dispose([a, b]);
});

test('batched products and their gradients free everything they allocate', { skip: !onWasm && 'wasm backend did not start' }, () => {
  const rng = new Rng(13);
  const a = random([6, 4, 5], rng);
  const b = random([6, 3, 5], rng);
  const step = () => tf.tidy(() => {
    tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D, false, true)))([a, b]);
  });
  assertStepLeaksNothing(step);
  tf.dispose([a, b]);
});
