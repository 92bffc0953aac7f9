/**
 * The fused bidirectional GRU against a plain per-direction loop written from the GRU equations
 * (reset gate applied after the recurrent product), on seeded random weights and inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { biGru, directionMask, initBiGru } from '../../../src-main/sed/model/bigru.js';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** One direction: columns [z r n] of that direction picked out of the fused layout. */
function naiveDirection(x: number[][], k: number[][], u: number[][], b: number[], rb: number[], units: number, dir: 0 | 1, dim: number): number[][] {
  const col = (gate: number, j: number) => (2 * gate + dir) * units + j;
  const order = dir === 0 ? x.map((_, t) => t) : x.map((_, t) => x.length - 1 - t);
  let h = new Array<number>(units).fill(0);
  const out: number[][] = new Array(x.length);
  for (const t of order) {
    const gx = (gate: number, j: number) => x[t].reduce((s, v, i) => s + v * k[dir * dim + i][col(gate, j)], 0) + b[col(gate, j)];
    const gh = (gate: number, j: number) => h.reduce((s, v, i) => s + v * u[dir * units + i][col(gate, j)], 0) + rb[col(gate, j)];
    const z = h.map((_, j) => sigmoid(gx(0, j) + gh(0, j)));
    const r = h.map((_, j) => sigmoid(gx(1, j) + gh(1, j)));
    const n = h.map((_, j) => Math.tanh(gx(2, j) + r[j] * gh(2, j)));
    h = h.map((hj, j) => (1 - z[j]) * n[j] + z[j] * hj);
    out[t] = h;
  }
  return out;
}

test('biGru matches a per-direction GRU loop', async () => {
  await initBackend({ prefer: 'wasm' });
  const [batch, steps, dim, units] = [2, 5, 3, 4];
  const w = initBiGru(dim, units, 42);
  w.bias.assign(tf.randomUniform([6 * units], -0.5, 0.5, 'float32', 1));
  w.recurrentBias.assign(tf.randomUniform([6 * units], -0.5, 0.5, 'float32', 2));
  const x = tf.randomNormal([batch, steps, dim], 0, 1, 'float32', 3) as tf.Tensor3D;
  const masks = { kernel: directionMask(dim, units), recurrent: directionMask(units, units) };
  const got = (await biGru(x, w, masks).array()) as number[][][];
  const xs = (await x.array()) as number[][][];
  const [k, u, b, rb] = (await Promise.all([w.kernel.array(), w.recurrent.array(), w.bias.array(), w.recurrentBias.array()])) as [number[][], number[][], number[], number[]];
  for (let n = 0; n < batch; n++) {
    const f = naiveDirection(xs[n], k, u, b, rb, units, 0, dim);
    const bw = naiveDirection(xs[n], k, u, b, rb, units, 1, dim);
    for (let t = 0; t < steps; t++) {
      const expected = [...f[t], ...bw[t]];
      expected.forEach((v, j) => assert.ok(Math.abs(got[n][t][j] - v) < 1e-5, `b${n} t${t} j${j}: ${got[n][t][j]} vs ${v}`));
    }
  }
});
