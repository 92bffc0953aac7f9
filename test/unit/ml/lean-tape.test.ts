/**
 * Saved tensors shared instead of cloned (src-main/ml/lean-tape.ts): a Fea-TF SCMA training step's
 * loss and gradients are the same bits either way, nothing leaks, the Identity copies are gone, and
 * a tensor disposed by its owner after the forward pass still reaches the backward pass intact.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { shareSavedTensors } from '../../../src-main/ml/lean-tape.js';
import { Rng } from '../../../src-main/util/random.js';
import { buildModel } from '../../../src-main/valence/model/build-model.js';
import { modelConfig } from '../../../src-main/valence/model/model-config.js';
import { lossAndGradients } from '../../../src-main/valence/training/step.js';
import { assertStepLeaksNothing } from '../../helpers/ml/no-leak.js';

await initBackend();

const model = buildModel(
  modelConfig('fea-tf-scma', [{ modality: 'audio', dims: 12 }, { modality: 'verbal', dims: 4 }], { hidden: 16, attentionDims: 16, heads: 2, ffnDims: 32, tokens: 4, windowStep: 1, dropout: 0.1 }),
  new Rng(3),
);
const rows = 20;
const rng = new Rng(5);
const data = model.groups.map((g) => Float32Array.from({ length: rows * g.window * g.width }, () => rng.normal()));
const classes = Int32Array.from({ length: rows }, () => 1 + Math.floor(rng.next() * 7));

/** Loss and gradients of one step (dropout drawn from the same seed each time), as raw bits. */
function step(): Uint32Array[] {
  let bits: Uint32Array[] = [];
  tf.tidy(() => {
    const { loss, grads } = lossAndGradients(model, data, rows, classes, rows, { training: true, rng: new Rng(9) });
    bits = [loss, ...grads].map((t) => new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
  });
  return bits;
}

test('a training step gives the same bits with saved tensors shared or cloned, and fewer kernels', async () => {
  assert.ok(shareSavedTensors(false));
  const cloned = step();
  const clonedKernels = (await tf.profile(() => void step())).kernels.filter((k) => k.name === 'Identity').length;
  assert.ok(shareSavedTensors(true));
  const shared = step();
  const sharedKernels = (await tf.profile(() => void step())).kernels.filter((k) => k.name === 'Identity').length;
  assert.deepEqual(shared, cloned);
  assert.ok(clonedKernels > 50 && sharedKernels < clonedKernels / 5, `Identity kernels ${clonedKernels} → ${sharedKernels}`);
});

test('shared saved tensors are freed after the backward pass', () => {
  shareSavedTensors(true);
  assertStepLeaksNothing(() => void step());
});

test('a saved tensor its owner disposed still reaches the gradient', () => {
  shareSavedTensors(true);
  const x = tf.tensor1d([1, 2, 3]);
  const g = tf.tidy(() =>
    tf.grad((v: tf.Tensor) => {
      const y = tf.mul(v, 2);
      const z = tf.mul(y, y); // saves y
      y.dispose();
      return tf.sum(z);
    })(x).arraySync(),
  );
  assert.deepEqual(g, [8, 16, 24]); // d/dv (2v)² = 8v
  x.dispose();
});
