/**
 * The six models on tiny inputs: output shape, no leaked tensors, learning a toy task where sound
 * semantics carry the extreme classes, and an exact save/load round trip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { standaloneContext } from '../../../src-main/util/task-context.js';
import { fitNormalizer } from '../../../src-main/valence/data/frame-table.js';
import { ARCHITECTURES, modelConfig } from '../../../src-main/valence/model/model-config.js';
import { deserializeModel, serializeModel } from '../../../src-main/valence/model/serialize.js';
import { Rng } from '../../../src-main/util/random.js';
import { buildModel } from '../../../src-main/valence/model/build-model.js';
import { predictRows } from '../../../src-main/valence/training/predict.js';
import { argmaxClasses } from '../../../src-main/valence/data/labels.js';
import { trainModel } from '../../../src-main/valence/training/train.js';
import { toyTable } from '../../helpers/valence/toy-tables.js';

await initBackend();

const inputs = [
  { modality: 'audio' as const, dims: 12 },
  { modality: 'verbal' as const, dims: 4 },
];
const small = { reduction: 16, hidden: 16, attentionDims: 16, heads: 2, ffnDims: 32, tokens: 4, window: 3, windowStep: 1, lstmUnits: 16, dropout: 0 };

for (const arch of ARCHITECTURES) {
  test(`${arch}: 7 probabilities per frame, no leaked tensors, exact save/load`, () => {
    const table = toyTable(40, 3);
    const normalizer = fitNormalizer([table], ['audio', 'verbal']);
    const before = tf.memory().numTensors;
    const model = buildModel(modelConfig(arch, inputs, small), new Rng(7));
    const probs = predictRows(model, table, normalizer, 0, table.rows, 16);
    assert.equal(probs.length, 40 * 7);
    for (let r = 0; r < 40; r++) {
      const s = probs.subarray(r * 7, r * 7 + 7).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(s - 1) < 1e-5);
    }
    const { config, weights } = serializeModel(model, normalizer);
    const copy = deserializeModel(JSON.parse(JSON.stringify({ ...config, data: { note: 'test' } })), weights);
    assert.deepEqual(predictRows(copy.model, table, copy.normalizer, 0, table.rows, 16), probs);
    model.params.dispose();
    copy.model.params.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
}

test('cross-modal models refuse inputs without sound semantics', () => {
  assert.throws(() => buildModel(modelConfig('fea-tf-scma', [inputs[0]], small), new Rng(1)), /needs both audio-visual and sound-semantic inputs/);
});

test('Fea-TF SCMA learns the toy task, using the semantic input for the extremes', async () => {
  const train = [toyTable(300, 1), toyTable(300, 2)];
  const valid = toyTable(150, 4);
  const test_ = toyTable(400, 5);
  const normalizer = fitNormalizer(train, ['audio', 'verbal']);
  const model = buildModel(modelConfig('fea-tf-scma', inputs, small), new Rng(3));
  const summary = await trainModel(model, train, valid, normalizer, { learningRate: 0.005, decay: 0.005, batchSize: 64, maxEpochs: 6, patience: 3, seed: 2 }, standaloneContext());
  assert.ok(summary.epochs[0].loss > summary.epochs[summary.epochs.length - 1].loss, 'loss falls');
  const predicted = argmaxClasses(predictRows(model, test_, normalizer));
  let extremeHits = 0;
  let extremes = 0;
  for (let r = 0; r < test_.rows; r++) {
    if (test_.labels[r] === 1 || test_.labels[r] === 7) {
      extremes++;
      extremeHits += predicted[r] === test_.labels[r] ? 1 : 0;
    }
  }
  assert.ok(extremeHits / extremes > 0.8, `extreme frames found: ${extremeHits}/${extremes}`);
  model.params.dispose();
});
