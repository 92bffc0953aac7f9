/**
 * The training speed-ups keep the maths: the wasm matMul's transposed products taken the other way
 * round, batches gathered into a reused buffer, and data-parallel replicas (TrainOptions.workers),
 * whose summed shard gradients must give the weights one thread gives, to float rounding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { setNativeProducts } from '../../../src-main/ml/native-products.js';
import { Rng } from '../../../src-main/util/random.js';
import { standaloneContext } from '../../../src-main/util/task-context.js';
import { fitNormalizer, gatherBatch, type FrameTable } from '../../../src-main/valence/data/frame-table.js';
import { buildModel } from '../../../src-main/valence/model/build-model.js';
import { modelConfig } from '../../../src-main/valence/model/model-config.js';
import { Adam } from '../../../src-main/valence/training/adam.js';
import { DataParallel, shares } from '../../../src-main/valence/training/data-parallel.js';
import { lossAndGradients } from '../../../src-main/valence/training/step.js';
import { trainModel } from '../../../src-main/valence/training/train.js';
import { toyTable } from '../../helpers/valence/toy-tables.js';
import { referenceProduct } from '../../helpers/ml/reference-product.js';

const backend = await initBackend();

test('2-D products with transposed operands match float64, whichever way round they run', { skip: backend !== 'wasm' && 'wasm kernels only' }, () => {
  const rng = new Rng(4);
  // [300, 90]ᵀ·[300, 8] runs as (Bᵀ·A)ᵀ (the big operand stays put); [40, 30]ᵀ·[40, 50] runs as written.
  const cases: [number[], number[], boolean, boolean][] = [
    [[300, 90], [300, 8], true, false],
    [[8, 300], [90, 300], false, true],
    [[300, 8], [90, 300], true, true],
    [[40, 30], [40, 50], true, false],
    [[30, 40], [50, 40], false, true],
  ];
  // On XNNPACK (switched off) and on ONNX Runtime (native-products.ts), which takes transposes as they are.
  for (const [as, bs, ta, tb, native] of cases.flatMap((c) => [false, true].map((n) => [...c, n] as const))) {
    setNativeProducts(native);
    const a = Float32Array.from({ length: as[0] * as[1] }, () => rng.normal());
    const b = Float32Array.from({ length: bs[0] * bs[1] }, () => rng.normal());
    const got = tf.tidy(() => tf.matMul(tf.tensor2d(a, as as [number, number]), tf.tensor2d(b, bs as [number, number]), ta, tb).dataSync());
    const want = referenceProduct(a, as, b, bs, ta, tb);
    assert.equal(got.length, want.length);
    const worst = want.reduce((w, x, i) => Math.max(w, Math.abs(x - got[i])), 0);
    assert.ok(worst < 1e-4, `[${as}]${ta ? 'ᵀ' : ''}·[${bs}]${tb ? 'ᵀ' : ''}${native ? ' on ONNX Runtime' : ''}: off by ${worst}`);
  }
  setNativeProducts(true);
});

test('a batch gathered into a used buffer equals a fresh one, zero padding included', () => {
  const t = toyTable(50, 1);
  const normalizer = fitNormalizer([t], ['audio', 'verbal']);
  const groups = [{ modalities: ['audio' as const, 'verbal' as const], width: 20, window: 2 }];
  const refs = { table: new Int32Array(6), row: Int32Array.from([3, 9, 0, 44, 17, 5]) };
  const fresh = gatherBatch([t], refs, groups, normalizer, 1);
  const dirty = [new Float32Array(8 * 2 * 20).fill(7)];
  const reused = gatherBatch([t], refs, groups, normalizer, 1, dirty);
  assert.deepEqual(reused, fresh);
  assert.equal(reused[0].buffer, dirty[0].buffer);
});

test('a batch is cut into contiguous shares differing by at most one row', () => {
  assert.deepEqual(shares(128, 2), [[0, 64], [64, 128]]);
  assert.deepEqual(shares(7, 3), [[0, 2], [2, 4], [4, 7]]);
});

const inputs = [
  { modality: 'audio' as const, dims: 12 },
  { modality: 'verbal' as const, dims: 4 },
];
const small = { hidden: 16, attentionDims: 16, heads: 2, ffnDims: 32, tokens: 4, windowStep: 1, dropout: 0 };

async function trained(workers: number, train: FrameTable[]): Promise<{ weights: Float32Array; losses: number[]; products: string[] }> {
  const normalizer = fitNormalizer(train, ['audio', 'verbal']);
  const model = buildModel(modelConfig('fea-tf-scma', inputs, small), new Rng(3));
  const options = { learningRate: 0.005, decay: 0.005, batchSize: 64, maxEpochs: 2, patience: 9, seed: 2, workers };
  const summary = await trainModel(model, train, null, normalizer, options, standaloneContext());
  const weights = model.params.snapshot();
  model.params.dispose();
  return { weights, losses: summary.epochs.map((e) => e.loss), products: summary.products };
}

test('two data-parallel workers train the weights one thread trains (Fea-TF SCMA, dropout off, 12 steps)', async () => {
  // 350 rows in batches of 64: the last batch of 30 is cut 15 + 15.
  const train = [toyTable(200, 1), toyTable(150, 2)];
  const one = await trained(1, train);
  const two = await trained(2, train);
  let worst = 0;
  let sum = 0;
  one.weights.forEach((w, i) => {
    const d = Math.abs(w - two.weights[i]);
    worst = Math.max(worst, d);
    sum += d;
  });
  // Shards add their gradients in another order than one batch's sum: rounding only.
  assert.ok(worst < 1e-5, `largest weight difference ${worst}`);
  assert.ok(sum / one.weights.length < 1e-7, `mean weight difference ${sum / one.weights.length}`);
  one.losses.forEach((l, i) => assert.ok(Math.abs(l - two.losses[i]) < 1e-5, `epoch ${i + 1} loss ${l} vs ${two.losses[i]}`));
});

test('products on ONNX Runtime train the weights XNNPACK trains, to rounding (Fea-TF SCMA, dropout off, 12 steps)', async () => {
  const train = [toyTable(200, 1), toyTable(150, 2)];
  setNativeProducts(false);
  const xnnpack = await trained(1, train);
  setNativeProducts(true);
  const native = await trained(1, train);
  // The training records which engine rounded its products, on every thread.
  assert.deepEqual([xnnpack.products, native.products], [['xnnpack'], ['onnxruntime']]);
  assert.deepEqual((await trained(2, train)).products, ['onnxruntime']);
  const worst = native.weights.reduce((w, x, i) => Math.max(w, Math.abs(x - xnnpack.weights[i])), 0);
  assert.ok(worst > 0, 'the engines round differently: some weight must differ');
  assert.ok(worst < 1e-5, `largest weight difference ${worst}`);
  native.losses.forEach((l, i) => assert.ok(Math.abs(l - xnnpack.losses[i]) < 1e-5, `epoch ${i + 1} loss ${l} vs ${xnnpack.losses[i]}`));
});

test('a last batch smaller than the replicas (1 row on 3) trains as one thread does, and nothing crashes', async () => {
  // 129 rows in batches of 64: the last batch's single row leaves two of three shares empty.
  const train = [toyTable(129, 4)];
  const one = await trained(1, train);
  const three = await trained(3, train);
  const worst = one.weights.reduce((w, x, i) => Math.max(w, Math.abs(x - three.weights[i])), 0);
  assert.ok(worst < 1e-5, `largest weight difference ${worst}`);
});

test('one step on three replicas (rows cut 21 + 21 + 22) gives the one-thread loss and update', async () => {
  const t = toyTable(64, 5);
  const normalizer = fitNormalizer([t], ['audio', 'verbal']);
  const refs = { table: new Int32Array(64), row: Int32Array.from({ length: 64 }, (_, i) => i) };
  const classes = Int32Array.from(t.labels, (c) => c);
  const mode = { training: true, rng: new Rng(1) };
  const adamOptions = { learningRate: 0.005, decay: 0.005 };
  const local = buildModel(modelConfig('fea-tf-scma', inputs, small), new Rng(3));
  const localAdam = new Adam(local.params.list(), adamOptions);
  const data = gatherBatch([t], refs, local.groups, normalizer, 1);
  const localLoss = tf.tidy(() => {
    const { loss, grads } = lossAndGradients(local, data, 64, classes, 64, mode);
    localAdam.apply(grads);
    return loss.dataSync()[0];
  });
  const model = buildModel(modelConfig('fea-tf-scma', inputs, small), new Rng(3));
  const adam = new Adam(model.params.list(), adamOptions);
  const initial = model.params.snapshot();
  const parallel = await DataParallel.start(model, adam, adamOptions, 3, 64, 1);
  try {
    const gathered: [number, number][] = [];
    const gather = (from: number, to: number) => {
      gathered.push([from, to]);
      const part = { table: refs.table.subarray(from, to), row: refs.row.subarray(from, to) };
      gatherBatch([t], part, model.groups, normalizer, 1, parallel.inputs.map((x, i) => x.subarray(from * model.groups[i].width)));
    };
    const loss = await parallel.step(64, classes, mode, gather);
    // The replicas' shares first, each before it is sent; this thread's own last.
    assert.deepEqual(gathered, [[21, 42], [42, 64], [0, 21]]);
    assert.ok(Math.abs(loss - localLoss) < 1e-6, `loss ${loss} vs ${localLoss}`);
    const a = local.params.snapshot();
    const b = model.params.snapshot();
    const worst = a.reduce((w, x, i) => Math.max(w, Math.abs(x - b[i])), 0);
    assert.ok(worst < 1e-6, `largest weight difference ${worst}`);
    assert.ok(b.some((x, i) => x !== initial[i]), 'the step moved the weights');
  } finally {
    await parallel.close();
    [local, model].forEach((m) => m.params.dispose());
  }
});

test('workers must be a whole number of at least 1', async () => {
  const t = toyTable(20, 1);
  const model = buildModel(modelConfig('fea-tf-scma', inputs, small), new Rng(3));
  const options = { learningRate: 0.005, decay: 0.005, batchSize: 8, maxEpochs: 1, patience: 1, seed: 2, workers: 0 };
  await assert.rejects(trainModel(model, [t], null, fitNormalizer([t], ['audio', 'verbal']), options, standaloneContext()), /workers must be a whole number ≥ 1, got 0/);
  model.params.dispose();
});
