/** Occlusion shares (#13 item 6): the maths by hand, and a model that reads one modality only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import type { FrameTable, Normalizer } from '../../../src-main/valence/data/frame-table.js';
import { explainPlan } from '../../../src-main/valence/explain/explain-rows.js';
import { onTf } from '../../../src-main/valence/training/predict.js';
import { addShareSums, meanShares, occluded, sharesOf, tallyShares, totalVariation } from '../../../src-main/valence/explain/occlusion.js';
import type { ValenceModel } from '../../../src-main/valence/model/model.js';

await initBackend();

test('total variation is half the L1 distance per row; identical rows give 0, disjoint ones 1', () => {
  const p = new Float32Array([1, 0, 0, 0, 0, 0, 0, /**/ 0.5, 0.5, 0, 0, 0, 0, 0]);
  const q = new Float32Array([0, 0, 0, 0, 0, 0, 1, /**/ 0.5, 0.25, 0.25, 0, 0, 0, 0]);
  assert.deepEqual([...totalVariation(p, q)], [1, 0.25]);
  assert.deepEqual([...totalVariation(p, p)], [0, 0]);
});

test('shares split each row by influence; a row nothing moved has none (NaN)', () => {
  const shares = sharesOf([new Float32Array([0.3, 0, 0.2]), new Float32Array([0.1, 0, 0.2])]);
  assert.deepEqual([...shares].map((v) => (Number.isNaN(v) ? 'NaN' : +v.toFixed(6))), [0.75, 0.25, 'NaN', 'NaN', 0.5, 0.5]);
});

test('occluding a modality maps its inputs to the training mean (0) and leaves the others alone', () => {
  const n: Normalizer = new Map([
    ['audio', { mean: new Float32Array([1, 2]), invStd: new Float32Array([1, 1]) }],
    ['visual', { mean: new Float32Array([3]), invStd: new Float32Array([2]) }],
  ]);
  const o = occluded(n, 'audio');
  assert.deepEqual([...o.get('audio')!.invStd], [0, 0]);
  assert.equal(o.get('visual'), n.get('visual'));
  assert.deepEqual([...n.get('audio')!.invStd], [1, 1], 'the original is not changed');
});

test('tallies by event mask add up across chunks and folds; means are per frame with a share', () => {
  const masks = new Map([['laughter', Uint8Array.from([0, 1, 1, 0])]]);
  // Rows are frames 0, 2 (stride 2) then 1, 3: shares [audio, visual].
  const a = tallyShares({}, new Float32Array([1, 0, 0.5, 0.5]), 2, masks, 0, 2);
  const b = tallyShares({}, new Float32Array([0, 1, Number.NaN, Number.NaN]), 2, masks, 1, 2);
  const mean = meanShares(addShareSums([a, b]), ['audio', 'visual']);
  assert.deepEqual(mean.all, { frames: 3, shares: { audio: 0.5, visual: 0.5 } });
  assert.deepEqual(mean.laughter, { frames: 2, shares: { audio: 0.25, visual: 0.75 } });
});

/** A model whose logits are [audio, audio, visual] · `weights` (3 × 7): what it reads is set by the weights' rows. */
function linearModel(weights: tf.Tensor2D): ValenceModel {
  return {
    config: { inputs: [{ modality: 'audio', dims: 2 }, { modality: 'visual', dims: 1 }], windowStep: 1, window: 1 },
    groups: [{ modalities: ['audio', 'visual'], width: 3, window: 1 }],
    logits: (inputs: tf.Tensor[]) => tf.matMul(inputs[0] as tf.Tensor2D, weights),
  } as unknown as ValenceModel;
}

/** `rows` frames of 2-d audio and 1-d visual features from the given functions of the value index. */
function audioVisualTable(rows: number, audio: (i: number) => number, visual: (i: number) => number): FrameTable {
  return {
    rows,
    stride: 1,
    firstFrame: 0,
    labels: new Uint8Array(rows),
    features: new Map([
      ['audio', { dims: 2, data: Float32Array.from({ length: rows * 2 }, (_, i) => audio(i)) }],
      ['visual', { dims: 1, data: Float32Array.from({ length: rows }, (_, i) => visual(i)) }],
    ]),
  };
}

const unitScale = (audioMean: number[]): Normalizer =>
  new Map([
    ['audio', { mean: Float32Array.from(audioMean), invStd: new Float32Array([1, 1]) }],
    ['visual', { mean: new Float32Array([0]), invStd: new Float32Array([1]) }],
  ]);

test('a model that reads only the audio columns gets every share from audio, and no tensor leaks', () => {
  // Visual's row of weights is zero: the prediction cannot depend on it.
  const weights = tf.tensor2d([[2, -1, 0, 0, 0, 0, 1], [0, 1, 0, 3, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]]);
  const rows = 6;
  const before = tf.memory().numTensors;
  const model = linearModel(weights);
  const { shares, modalities, probs } = onTf(model, explainPlan(model, audioVisualTable(rows, Math.sin, Math.cos), unitScale([0.1, -0.2])));
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(modalities, ['audio', 'visual']);
  assert.equal(probs.length, rows * 7);
  for (let r = 0; r < rows; r++) {
    assert.ok(Math.abs(shares[r * 2] - 1) < 1e-6, `row ${r}: audio share ${shares[r * 2]}`);
    assert.ok(Math.abs(shares[r * 2 + 1]) < 1e-6, `row ${r}: visual share ${shares[r * 2 + 1]}`);
  }
  weights.dispose();
});

test('shares are measured on every n-th frame and held between; every frame when n is 1', () => {
  const weights = tf.tensor2d([[2, -1, 0, 0, 0, 0, 1], [0, 1, 0, 3, 0, 0, 0], [1, 0, -2, 0, 0, 1, 0]]);
  const model = linearModel(weights);
  const rows = 7;
  const table = audioVisualTable(rows, (i) => Math.sin(3 * i), (i) => 2 * Math.cos(5 * i));
  const normalizer = unitScale([0, 0]);
  const each = onTf(model, explainPlan(model, table, normalizer, 0, rows, 1)).shares;
  const third = onTf(model, explainPlan(model, table, normalizer, 0, rows, 3)).shares;
  const row = (s: Float32Array, r: number) => [...s.subarray(r * 2, r * 2 + 2)];
  assert.notDeepEqual(row(each, 1), row(each, 0), 'the shares do change from frame to frame');
  for (const r of [0, 3, 6]) assert.deepEqual(row(third, r), row(each, r), `frame ${r} is measured`);
  for (const [r, held] of [[1, 0], [2, 0], [4, 3], [5, 3]]) assert.deepEqual(row(third, r), row(each, held), `frame ${r} holds frame ${held}`);
  weights.dispose();
});
