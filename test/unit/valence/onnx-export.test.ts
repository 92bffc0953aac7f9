/**
 * Valence models exported to ONNX (#17): ONNX Runtime gives the TF.js probabilities to 1e-4 for
 * every architecture, freshly drawn and as shipped, on batches of 1 and 300; the occlusion shares
 * agree too; and the ORT path leaves no TF.js tensor behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { shippedValenceFile, shippedValenceWeights } from '../../../src-main/analysis/default-valence-model.js';
import { fitNormalizer, type FrameTable } from '../../../src-main/valence/data/frame-table.js';
import type { Modality } from '../../../src-main/valence/data/modalities.js';
import { explainPlan } from '../../../src-main/valence/explain/explain-rows.js';
import { buildModel } from '../../../src-main/valence/model/build-model.js';
import { ARCHITECTURES, modelConfig } from '../../../src-main/valence/model/model-config.js';
import type { ValenceModel } from '../../../src-main/valence/model/model.js';
import { deserializeModel, type SavedValenceConfig } from '../../../src-main/valence/model/serialize.js';
import { openOnnxPredictor } from '../../../src-main/valence/onnx/onnx-predictor.js';
import { onPredictor, onTf, tfProbs, type InputBatch } from '../../../src-main/valence/training/predict.js';
import { Rng } from '../../../src-main/util/random.js';

await initBackend();

const TOLERANCE = 1e-4;

const inputs = [
  { modality: 'audio' as const, dims: 12 },
  { modality: 'visual' as const, dims: 5 },
  { modality: 'verbal' as const, dims: 4 },
  { modality: 'nonverbal' as const, dims: 3 },
];
// Two encoder layers and two heads, so the loops and the head split are exercised; widths that need padding.
const small = { reduction: 16, hidden: 16, attentionDims: 16, heads: 2, ffnDims: 24, encoderLayers: 2, tokens: 4, window: 3, windowStep: 1, lstmUnits: 8, dropout: 0.3 };

function randomBatch(model: ValenceModel, rows: number, seed: number, scale = 1): InputBatch {
  const rng = new Rng(seed);
  return { rows, data: model.groups.map((g) => Float32Array.from({ length: rows * g.window * g.width }, () => scale * rng.normal())) };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

async function assertSameProbs(model: ValenceModel, label: string, scale = 1): Promise<void> {
  const before = tf.memory().numTensors;
  const ort = await openOnnxPredictor(model);
  try {
    for (const [rows, seed] of [[1, 1], [300, 2]]) {
      const batch = randomBatch(model, rows, seed, scale);
      const got = await ort.probs(batch);
      const diff = maxAbsDiff(got, tfProbs(model, batch));
      assert.ok(diff <= TOLERANCE, `${label}, batch ${rows}: max |ORT − TF.js| = ${diff}`);
      assert.equal(got.length, rows * 7);
    }
  } finally {
    await ort.release();
  }
  assert.equal(tf.memory().numTensors, before, `${label}: the ORT path leaves no TF.js tensor behind`);
}

for (const arch of ARCHITECTURES) {
  test(`${arch}, freshly drawn: ONNX Runtime gives the TF.js probabilities to 1e-4 (batch 1 and 300)`, async () => {
    for (const seed of [1, 2]) {
      const model = buildModel(modelConfig(arch, inputs, small), new Rng(seed));
      try {
        await assertSameProbs(model, `${arch} seed ${seed}`, 2);
      } finally {
        model.params.dispose();
      }
    }
  });
}

test('one attention head and one encoder layer export too', async () => {
  const model = buildModel(modelConfig('fea-tf-scma', inputs, { ...small, heads: 1, encoderLayers: 1 }), new Rng(5));
  try {
    await assertSameProbs(model, 'fea-tf-scma, 1 head');
  } finally {
    model.params.dispose();
  }
});

test('the shipped default model (Fea-TF SCMA): ONNX Runtime gives the TF.js probabilities to 1e-4', async () => {
  const { model } = deserializeModel(shippedValenceFile()!.config as SavedValenceConfig, new Float32Array(shippedValenceWeights().slice().buffer));
  try {
    assert.equal(model.config.architecture, 'fea-tf-scma');
    await assertSameProbs(model, 'shipped default');
  } finally {
    model.params.dispose();
  }
});

function table(rows: number, dims: Record<string, number>, seed: number): FrameTable {
  const rng = new Rng(seed);
  const features = new Map(Object.entries(dims).map(([m, d]) => [m as Modality, { dims: d, data: Float32Array.from({ length: rows * d }, () => rng.normal()) }]));
  return { rows, stride: 1, firstFrame: 0, labels: new Uint8Array(rows), features };
}

test('probabilities and occlusion shares of a table: ORT equals TF.js to 1e-4 (windowed model, batches of 512 and a rest)', async () => {
  const t = table(700, Object.fromEntries(inputs.map((i) => [i.modality, i.dims])), 9);
  const normalizer = fitNormalizer([t], inputs.map((i) => i.modality));
  const model = buildModel(modelConfig('temp-tf', inputs, small), new Rng(3));
  const ort = await openOnnxPredictor(model);
  try {
    const tfjs = onTf(model, explainPlan(model, t, normalizer, 20, t.rows, 1));
    const onnx = await onPredictor(ort, explainPlan(model, t, normalizer, 20, t.rows, 1));
    assert.ok(maxAbsDiff(onnx.probs, tfjs.probs) <= TOLERANCE);
    assert.ok(maxAbsDiff(onnx.shares, tfjs.shares) <= TOLERANCE);
    assert.deepEqual(onnx.modalities, tfjs.modalities);
  } finally {
    await ort.release();
    model.params.dispose();
  }
});

test('LSTM and Temp-TF over a window of one frame are refused with a clear error', async () => {
  for (const arch of ['lstm', 'temp-tf'] as const) {
    assert.throws(() => modelConfig(arch, inputs, { ...small, window: 1 }), /window must be at least 2, got 1/);
    // A stored configuration is not rebuilt through modelConfig: the export checks again.
    const model = buildModel(modelConfig(arch, inputs, small), new Rng(1));
    try {
      await assert.rejects(openOnnxPredictor({ ...model, config: { ...model.config, window: 1 } }), new RegExp(`cannot export ${arch} over a window of 1 frame to ONNX`));
    } finally {
      model.params.dispose();
    }
  }
});

test('a parameter the architecture expects but the model lacks is named in the error', async () => {
  const model = buildModel(modelConfig('dnn', inputs, small), new Rng(1));
  try {
    await assert.rejects(openOnnxPredictor({ ...model, config: { ...model.config, architecture: 'temp-tf' } }), /cannot export temp-tf to ONNX: it has no parameter frames\.embed\.w/);
  } finally {
    model.params.dispose();
  }
});
