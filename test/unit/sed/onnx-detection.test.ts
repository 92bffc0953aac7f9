/**
 * Detection with the networks on ONNX Runtime: the streamed predictor runs the same windows whichever
 * runtime computes them (ORT within 1e-4 of TF.js; TF.js awaited equals TF.js called directly), the
 * detector picks its runtime as asked, and on real human sounds from ../shared (skipped without it)
 * a session gives TF.js's frames to 1e-4 and the same events, resumes mid-recording as before, and
 * leaves no tensor behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { decodeAudio } from '../../../src-main/media/decode-audio.js';
import { initBackend } from '../../../src-main/ml/backend.js';
import { GROUPS, SoundEventDetector, type DetectorRuntime, type SedFrames } from '../../../src-main/sed/detector.js';
import { defaultHeadConfig } from '../../../src-main/sed/head/config.js';
import { TaggerHead } from '../../../src-main/sed/head/head-model.js';
import { FramePredictor, predictFrames, type FrameOutputs } from '../../../src-main/sed/inference.js';
import { ONNX_FASTER, openDetectorOnnx } from '../../../src-main/sed/onnx/detector-onnx.js';
import { concatFloat32 } from '../../../src-main/util/float32.js';
import { Rng } from '../../../src-main/util/random.js';
import { SHARED_DIR } from '../../helpers/media.js';

const HUMAN = path.join(SHARED_DIR, 'data', 'human-sounds');

const maxDiff = (a: Float32Array, b: Float32Array) => {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
};

/** Feeds `x` in uneven pieces with pushAsync, then finishAsync; the outputs joined. */
async function streamed(p: FramePredictor, x: Float32Array, width: number): Promise<FrameOutputs> {
  const parts: FrameOutputs[] = [];
  const rows = x.length / width;
  for (let at = 0, size = 7; at < rows; at += size, size = (size * 7) % 90 + 1) parts.push(await p.pushAsync(x.subarray(at * width, Math.min(rows, at + size) * width)));
  parts.push(await p.finishAsync());
  return { steps: parts.reduce((n, o) => n + o.steps, 0), activity: concatFloat32(parts.map((o) => o.activity)), embedding: concatFloat32(parts.map((o) => o.embedding)) };
}

test('the predictor runs the same windows on a passed-in ONNX compute step as on TF.js', async () => {
  await initBackend({ prefer: 'wasm' });
  const config = { ...defaultHeadConfig('verbal'), hiddenDims: 16, gruUnits: 8 };
  const head = TaggerHead.create(config, 4);
  const rng = new Rng(3);
  const steps = 301; // four whole 64-step chunks, then a tail split in two
  const x = Float32Array.from({ length: steps * config.inputDims }, () => rng.normal());
  const options = { batch: 3 };
  const onnx = await openDetectorOnnx(head);
  try {
    const want = predictFrames(head, x, options);
    const before = tf.memory().numTensors;
    const got = await streamed(new FramePredictor(head, { ...options, compute: onnx.compute }), x, config.inputDims);
    assert.equal(tf.memory().numTensors, before, 'the ONNX path makes no tensors');
    assert.equal(got.steps, steps);
    assert.ok(maxDiff(got.activity, want.activity) < 1e-4);
    assert.ok(maxDiff(got.embedding, want.embedding) < 1e-4);
    // Awaited without a compute step, the passes are TF.js's own: the very same numbers.
    const awaited = await streamed(new FramePredictor(head, options), x, config.inputDims);
    assert.deepEqual(awaited.activity, want.activity);
    assert.deepEqual(awaited.embedding, want.embedding);

    const p = new FramePredictor(head, { compute: onnx.compute });
    assert.throws(() => p.push(x), /runs its passes asynchronously: feed it with pushAsync/);
    const first = p.pushAsync(x);
    await assert.rejects(p.pushAsync(x), /still running the previous push/);
    await first;
  } finally {
    await onnx.release();
    head.dispose();
  }
});

test('the detector runs each network where asked: ONNX where it measured faster by default', async () => {
  for (const runtime of ['auto', 'tfjs', 'onnx'] as DetectorRuntime[]) {
    const detector = await SoundEventDetector.load({}, { runtime });
    try {
      for (const g of GROUPS) {
        const architecture = detector.models[g].model.config.architecture;
        const onnx = runtime === 'onnx' || (runtime === 'auto' && ONNX_FASTER[architecture]);
        assert.equal(detector.runtimes[g], onnx ? 'onnx' : 'tfjs', `${runtime}: ${g}`);
      }
    } finally {
      detector.dispose();
    }
  }
});

/** The first four clips of every class, half a second of silence after each (about four minutes). */
async function humanSounds(): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  for (const dir of readdirSync(HUMAN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const f of readdirSync(path.join(HUMAN, dir)).sort().slice(0, 4)) parts.push(await decodeAudio(path.join(HUMAN, dir, f), { sampleRate: 16000 }), new Float32Array(8000));
  }
  return concatFloat32(parts);
}

/** A session over `pcm` in 30 s pushes, from `startFrame`: its frames per group and its events. */
async function detect(detector: SoundEventDetector, pcm: Float32Array, startFrame = 0) {
  const session = detector.session({ startFrame });
  const blocks: SedFrames[] = [];
  const from = Math.round((startFrame * 16000) / 25);
  for (let at = from; at < pcm.length; at += 16000 * 30) blocks.push(await session.push(pcm.subarray(at, Math.min(pcm.length, at + 16000 * 30))));
  blocks.push(await session.finish());
  const join = (g: (typeof GROUPS)[number], key: 'activity' | 'embedding') => concatFloat32(blocks.map((b) => b.groups[g][key]));
  return { frames: session.frames, activity: { verbal: join('verbal', 'activity'), nonverbal: join('nonverbal', 'activity') }, embedding: { verbal: join('verbal', 'embedding'), nonverbal: join('nonverbal', 'embedding') }, events: session.events() };
}

test('on real human sounds, the ONNX session gives TF.js frames to 1e-4 and the same events', { skip: !existsSync(HUMAN) && 'needs ../shared/data/human-sounds' }, async () => {
  const pcm = await humanSounds();
  const tfjs = await SoundEventDetector.load({}, { runtime: 'tfjs' });
  const onnx = await SoundEventDetector.load({}, { runtime: 'onnx' });
  try {
    const want = await detect(tfjs, pcm);
    const before = tf.memory().numTensors;
    const got = await detect(onnx, pcm);
    assert.equal(tf.memory().numTensors, before, 'tensors left behind');
    assert.equal(got.frames, want.frames);
    for (const g of GROUPS) {
      assert.ok(maxDiff(got.activity[g], want.activity[g]) < 1e-4, `${g} activity`);
      assert.ok(maxDiff(got.embedding[g], want.embedding[g]) < 1e-4, `${g} embedding`);
    }
    assert.ok(want.events.length >= 10, `the shipped detectors hear the clips (${want.events.length} events)`);
    // Same events, same bounds; a confidence is a mean of activity, so it moves by less than 1e-4.
    assert.deepEqual(got.events.map(({ confidence: _, ...e }) => e), want.events.map(({ confidence: _, ...e }) => e));
    got.events.forEach((e, i) => assert.ok(Math.abs(e.confidence - want.events[i].confidence) < 1e-4));

    // Resumed mid-recording on ORT: the uninterrupted ORT frames from the first frame asked for on.
    const first = Math.floor(got.frames / 2);
    const start = onnx.resumeFrame(first);
    const resumed = await detect(onnx, pcm, start);
    for (const g of GROUPS) {
      const k = onnx.models[g].model.config.classes.length;
      assert.ok(maxDiff(resumed.activity[g].subarray((first - start) * k), got.activity[g].subarray(first * k)) < 1e-6, `${g} resumed at ${start}`);
    }
  } finally {
    tfjs.dispose();
    onnx.dispose();
  }
});
