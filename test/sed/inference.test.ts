/**
 * Chunked inference: feeding log-mel frames in arbitrary pieces gives exactly the whole-array
 * result, one output per 40 ms step, and leaves no tensors behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src-main/ml/backend.js';
import { Cbrnn } from '../../src-main/sed/model/cbrnn.js';
import { defaultConfig } from '../../src-main/sed/model/config.js';
import { FramePredictor, predictFrames } from '../../src-main/sed/inference.js';

test('streamed and whole-array predictions agree', async () => {
  await initBackend({ prefer: 'wasm' });
  const model = Cbrnn.create({ ...defaultConfig('verbal'), convChannels: [4, 8, 8], gruUnits: 4 }, 1);
  const frames = 1237; // not a multiple of 4
  const logMel = Float32Array.from({ length: frames * 64 }, (_, i) => Math.sin(i * 0.37) * 3 - 8);
  const before = tf.memory().numTensors;
  const options = { chunkSteps: 40, contextSteps: 8, batch: 3 };
  const whole = predictFrames(model, logMel, options);
  assert.equal(whole.steps, Math.ceil(frames / 4));
  assert.equal(whole.activity.length, whole.steps * 4);
  assert.equal(whole.embedding.length, whole.steps * 8);

  const p = new FramePredictor(model, options);
  const parts = [];
  for (let at = 0, size = 17; at < frames; at += size, size = (size * 5) % 300 + 1) parts.push(p.push(logMel.subarray(at * 64, Math.min(frames, at + size) * 64)));
  parts.push(p.finish());
  const activity = Float32Array.from(parts.flatMap((o) => Array.from(o.activity)));
  assert.equal(activity.length, whole.activity.length);
  for (let i = 0; i < activity.length; i++) assert.ok(Math.abs(activity[i] - whole.activity[i]) < 1e-6, `activity ${i}`);
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});
