/**
 * Chunked inference: feeding log-mel frames in arbitrary pieces gives exactly the whole-array
 * result, one output per 40 ms step, and leaves no tensors behind; the batch size does not change
 * the numbers, and a stream resumed mid-recording gives the uninterrupted numbers after its warm-up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { Cbrnn } from '../../../src-main/sed/model/cbrnn.js';
import { defaultConfig } from '../../../src-main/sed/model/config.js';
import { FramePredictor, predictFrames, resumeOrigin } from '../../../src-main/sed/inference.js';

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

const tiny = () => Cbrnn.create({ ...defaultConfig('verbal'), convChannels: [4, 8, 8], gruUnits: 4 }, 1);
const signal = (frames: number) => Float32Array.from({ length: frames * 64 }, (_, i) => Math.sin(i * 0.37) * 3 - 8 + Math.sin(i * 0.0011) * 2);

test('every chunk of a batch reads its own window: batch size changes nothing', async () => {
  await initBackend({ prefer: 'wasm' });
  const model = tiny();
  const logMel = signal(1237);
  const one = predictFrames(model, logMel, { chunkSteps: 40, contextSteps: 8, batch: 1 });
  const many = predictFrames(model, logMel, { chunkSteps: 40, contextSteps: 8, batch: 5 });
  assert.deepEqual(many.activity, one.activity);
  assert.deepEqual(many.embedding, one.embedding);
  model.dispose();
});

test('a stream resumed at resumeOrigin gives the uninterrupted numbers from its first step on', async () => {
  await initBackend({ prefer: 'wasm' });
  const model = tiny();
  const options = { chunkSteps: 40, contextSteps: 8, batch: 2 };
  const frames = 1237;
  const logMel = signal(frames);
  const whole = predictFrames(model, logMel, options);
  for (const first of [0, 39, 41, 130, 250, 290, 305, 309]) {
    const origin = resumeOrigin(model, first, 0, options);
    const p = new FramePredictor(model, { ...options, originStep: origin });
    const parts = [];
    for (let at = origin * 4; at < frames; at += 50) parts.push(p.push(logMel.subarray(at * 64, Math.min(frames, at + 50) * 64)));
    parts.push(p.finish());
    const activity = Float32Array.from(parts.flatMap((o) => Array.from(o.activity)));
    assert.equal(activity.length, whole.activity.length - origin * 4, `steps from ${origin}`);
    assert.deepEqual(activity.subarray((first - origin) * 4), whole.activity.subarray(first * 4), `resumed at ${first} from ${origin}`);
  }
  model.dispose();
});
