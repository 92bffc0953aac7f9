/**
 * A tiny training run: a small CBRNN learns to mark frames where a tone is present in noise; the
 * loss must fall within a few dozen steps, moving statistics must be updated and nothing leaks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import type { Batch, BatchSource } from '../../../src-main/sed/training/batches.js';
import type { Rng } from '../../../src-main/util/random.js';
import { trainDetector } from '../../../src-main/sed/training/train.js';
import { WeightAverage } from '../../../src-main/sed/training/weight-average.js';

/** Log-mel-like frames: noise everywhere, plus bands 10–14 raised where class 0 is on. */
class ToneBatches implements BatchSource {
  next(n: number, frames: number, rng: Rng): Batch {
    const steps = frames / 4;
    const x = new Float32Array(n * frames * 64);
    const y = new Float32Array(n * steps * 4);
    for (let i = 0; i < n; i++) {
      const on = rng.int(steps / 2);
      const off = on + 4 + rng.int(steps / 2 - 4);
      for (let f = 0; f < frames; f++) {
        const active = f / 4 >= on && f / 4 < off;
        for (let b = 0; b < 64; b++) x[(i * frames + f) * 64 + b] = -10 + rng.normal() + (active && b >= 10 && b < 15 ? 4 : 0);
      }
      for (let s = on; s < off; s++) y[(i * steps + s) * 4] = 1;
    }
    return { n, frames, x, y };
  }
}

test('a few training steps reduce the loss', async () => {
  await initBackend({ prefer: 'wasm' });
  const before = tf.memory().numTensors;
  const losses: number[] = [];
  const result = await trainDetector({
    group: 'verbal',
    seed: 3,
    batches: new ToneBatches(),
    validation: [],
    config: { convChannels: [4, 8, 8], gruUnits: 4, dropout: 0 },
    batchSize: 8,
    exampleFrames: 80,
    stepsPerEpoch: 15,
    maxEpochs: 2,
    learningRate: 1e-2,
    onProgress: (p) => {
      if (p.phase === 'train') losses.push(p.loss);
    },
  });
  const first = losses.slice(0, 3).reduce((a, b) => a + b) / 3;
  const last = losses.slice(-3).reduce((a, b) => a + b) / 3;
  assert.ok(last < 0.7 * first, `loss ${first.toFixed(3)} → ${last.toFixed(3)}`);
  const movingMean = result.model.namedWeights().find(([n]) => n === 'conv1/moving_mean')![1];
  assert.ok((await movingMean.data()).some((v) => v !== 0), 'moving statistics were updated');
  result.model.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('training stops when cancelled', async () => {
  await initBackend({ prefer: 'wasm' });
  const controller = new AbortController();
  await assert.rejects(
    trainDetector({
      group: 'nonverbal',
      seed: 1,
      batches: new ToneBatches(),
      validation: [],
      config: { convChannels: [4, 8, 8], gruUnits: 4 },
      batchSize: 2,
      exampleFrames: 40,
      stepsPerEpoch: 100,
      onProgress: (p) => {
        if (p.phase === 'train' && p.step === 3) controller.abort();
      },
      signal: controller.signal,
    }),
    { name: 'AbortError' },
  );
});

test('the weight average is the bias-corrected, decay-weighted mean of the iterates', async () => {
  await initBackend({ prefer: 'wasm' });
  const w = tf.variable(tf.tensor1d([0, 0]));
  const average = new WeightAverage([w], 0.5);
  for (const v of [[1, 2], [3, 4], [5, 8]]) {
    w.assign(tf.tensor1d(v));
    average.update();
  }
  // Weights 1, 2, 4 (newest heaviest) over 7.
  const [mean] = average.values();
  const expected = [(1 + 2 * 3 + 4 * 5) / 7, (2 + 2 * 4 + 4 * 8) / 7];
  (await mean.data()).forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-5, `${v} vs ${expected[i]}`));
  tf.dispose([mean, w]);
  average.dispose();
});

test('training with a weight average returns the average, reproducibly, also when fine-tuning', async () => {
  await initBackend({ prefer: 'wasm' });
  const before = tf.memory().numTensors;
  const options = {
    group: 'verbal' as const,
    seed: 5,
    batches: new ToneBatches(),
    validation: [],
    config: { convChannels: [4, 8, 8] as [number, number, number], gruUnits: 4, dropout: 0 },
    batchSize: 4,
    exampleFrames: 40,
    stepsPerEpoch: 4,
    maxEpochs: 2,
    learningRate: 1e-2,
    emaDecay: 0.9,
  };
  const weights = async (m: { namedWeights(): Array<[string, tf.Variable]> }) => Promise.all(m.namedWeights().map(async ([, v]) => Array.from(await v.data())));
  const a = await trainDetector(options);
  const b = await trainDetector(options);
  assert.deepEqual(await weights(a.model), await weights(b.model));
  const raw = await trainDetector({ ...options, emaDecay: 0 });
  assert.notDeepEqual(await weights(a.model), await weights(raw.model));
  const tuned = await trainDetector({ ...options, init: a.model, maxEpochs: 1 });
  assert.equal(tuned.epochs.length, 1);
  assert.notDeepEqual(await weights(tuned.model), await weights(a.model));
  for (const r of [a, b, raw, tuned]) r.model.dispose();
  assert.equal(tf.memory().numTensors, before);
});
