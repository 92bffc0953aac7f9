/**
 * The detector networks exported to ONNX (sed/onnx/) give TF.js's outputs to 1e-4: frame logits,
 * attention logits, sigmoid activity and the embedding, for the shipped heads, a head and a CBRNN
 * with every weight random (biases, the direct path, batch-norm statistics and the masked-off GRU
 * blocks included), at batch 1 and 3 and odd window lengths; and nothing is left on TF.js's heap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { openOnnx } from '../../../src-main/ml/onnx/session.js';
import { defaultModelDir, GROUPS } from '../../../src-main/sed/detector.js';
import { defaultHeadConfig } from '../../../src-main/sed/head/config.js';
import { TaggerHead } from '../../../src-main/sed/head/head-model.js';
import { inputShape } from '../../../src-main/sed/inference.js';
import { Cbrnn } from '../../../src-main/sed/model/cbrnn.js';
import { defaultConfig } from '../../../src-main/sed/model/config.js';
import { loadModel, type DetectorNet } from '../../../src-main/sed/model/model-io.js';
import { exportDetector } from '../../../src-main/sed/onnx/detector-onnx.js';
import { Rng } from '../../../src-main/util/random.js';

const OUTPUTS = ['logits', 'attention', 'activity', 'embedding'] as const;

function reference(net: DetectorNet, x: Float32Array, dims: [number, number, number]): Record<(typeof OUTPUTS)[number], Float32Array> {
  return tf.tidy(() => {
    const out = net.apply(tf.tensor3d(x, dims));
    const read = (t: tf.Tensor) => t.dataSync() as Float32Array;
    return { logits: read(out.logits), attention: read(out.attention), activity: read(tf.sigmoid(out.logits)), embedding: read(out.embedding) };
  });
}

/** Inputs shaped like what the network reads: tagger features around the head's training statistics, or log-mels. */
function inputs(net: DetectorNet, n: number, frames: number, rng: Rng): Float32Array {
  const { width } = inputShape(net);
  const c = net.config;
  return Float32Array.from({ length: n * frames * width }, (_, i) => c.inputMean[i % width] + c.inputStd[i % width] * 1.5 * rng.normal());
}

/** Every output of the exported graph against TF.js, per batch size and window length (in steps). */
async function assertSame(net: DetectorNet, cases: Array<[n: number, steps: number]>, what: string): Promise<void> {
  const rng = new Rng(11);
  const before = tf.memory().numTensors;
  const runner = await openOnnx(exportDetector(net));
  try {
    assert.deepEqual([...runner.outputNames].sort(), [...OUTPUTS].sort());
    const { width, framesPerStep } = inputShape(net);
    for (const [n, steps] of cases) {
      const frames = steps * framesPerStep;
      const x = inputs(net, n, frames, rng);
      const want = reference(net, x, [n, frames, width]);
      const got = await runner.run({ x: { data: x, dims: [n, frames, width] } });
      for (const name of OUTPUTS) {
        assert.equal(got[name].length, want[name].length, `${what} ${name} size, batch ${n} × ${steps} steps`);
        let worst = 0;
        for (let i = 0; i < want[name].length; i++) worst = Math.max(worst, Math.abs(got[name][i] - want[name][i]));
        assert.ok(worst < 1e-4, `${what} ${name}, batch ${n} × ${steps} steps: differs by ${worst}`);
      }
    }
  } finally {
    await runner.release();
  }
  assert.equal(tf.memory().numTensors, before, `${what}: tensors left behind`);
}

/** `net`'s architecture with every weight drawn at random (positive variances), nothing left zero. */
function randomised<T extends DetectorNet>(net: T, rebuild: (weights: Record<string, tf.Tensor>) => T, seed: number): T {
  const rng = new Rng(seed);
  const weights = Object.fromEntries(
    net.namedWeights().map(([name, v]) => {
      const variance = name.endsWith('moving_variance');
      const scale = name.includes('kernel') || name.includes('recurrent') ? 1 / Math.sqrt(v.shape[0]) : 0.5;
      return [name, tf.tensor(Float32Array.from({ length: v.size }, () => (variance ? 0.01 + rng.next() : scale * rng.normal())), v.shape)];
    }),
  );
  try {
    return rebuild(weights);
  } finally {
    tf.dispose(Object.values(weights));
    net.dispose();
  }
}

test('the shipped heads on ONNX Runtime give TF.js outputs to 1e-4', async () => {
  await initBackend({ prefer: 'wasm' });
  for (const g of GROUPS) {
    const { model } = await loadModel(defaultModelDir(g));
    try {
      // 80 steps is a whole window (64 + 2 × 8 context); 1, 37 and 53 are tails and short files.
      await assertSame(model, [[1, 1], [1, 37], [3, 53], [8, 80]], `shipped ${g} head`);
    } finally {
      model.dispose();
    }
  }
});

test('a head with every weight random gives TF.js outputs to 1e-4', async () => {
  await initBackend({ prefer: 'wasm' });
  const config = { ...defaultHeadConfig('nonverbal'), hiddenDims: 24, gruUnits: 8 };
  const rng = new Rng(5);
  config.inputMean = config.inputMean.map(() => rng.normal());
  config.inputStd = config.inputStd.map(() => 0.5 + rng.next());
  const head = randomised(TaggerHead.create(config, 3), (w) => TaggerHead.fromWeights(config, w), 9);
  try {
    await assertSame(head, [[1, 1], [1, 29], [3, 41]], 'random head');
  } finally {
    head.dispose();
  }
});

test('a CBRNN with every weight random gives TF.js outputs to 1e-4', async () => {
  await initBackend({ prefer: 'wasm' });
  const config = { ...defaultConfig('verbal'), convChannels: [4, 8, 8] as [number, number, number], gruUnits: 6 };
  const rng = new Rng(6);
  config.inputMean = config.inputMean.map(() => -8 + rng.normal());
  config.inputStd = config.inputStd.map(() => 1 + rng.next());
  const net = randomised(Cbrnn.create(config, 2), (w) => Cbrnn.fromWeights(config, w), 4);
  try {
    await assertSame(net, [[1, 1], [1, 27], [3, 33]], 'random CBRNN');
  } finally {
    net.dispose();
  }
});
