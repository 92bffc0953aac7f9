/**
 * The tagger head: step targets and their spreading over 25 Hz frames, saving and loading next to
 * the CBRNN format, training on tagger features (and no tensor left behind), retraining against a
 * held-out comparison, and a detection session that streams whatever the chunking.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { defaultHeadConfig } from '../../../src-main/sed/head/config.js';
import { TaggerHead } from '../../../src-main/sed/head/head-model.js';
import { retrainHead } from '../../../src-main/sed/head/recordings.js';
import { StepsToFrames, stepsToFrames, stepTargets } from '../../../src-main/sed/head/steps.js';
import { trainHead } from '../../../src-main/sed/head/train-head.js';
import { isHead, loadModel, saveModel } from '../../../src-main/sed/model/model-io.js';
import { DEFAULT_POSTPROCESS } from '../../../src-main/sed/postprocess.js';
import { SoundEventDetector } from '../../../src-main/sed/detector.js';
import { PitchTrack, pitchSummary } from '../../../src-main/sed/tagger/pitch-track.js';
import { TAGGER_DIMS, TAGGER_STEP_S } from '../../../src-main/sed/tagger/tagger.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'vs-head-'));

test('step targets are the share of each 0.48 s step an event covers, overlaps merged', () => {
  const t = stepTargets(
    [
      { label: 'laughter', onset: 0.24, offset: 0.96 },
      { label: 'laughter', onset: 0.5, offset: 0.9 },
      { label: 'crying', onset: 0.96, offset: 5 },
    ],
    ['laughter', 'crying'],
    3,
  );
  assert.deepEqual(Array.from(t, (v) => Math.round(v * 100) / 100), [0.5, 0, 1, 0, 0, 1]);
});

test('steps spread over frames linearly between step centres, and the stream gives the same frames', () => {
  const k = 2;
  const steps = Float32Array.from({ length: 5 * k }, (_, i) => (i % k === 0 ? i / 10 : 1 - i / 10));
  const emb = Float32Array.from({ length: 5 * 3 }, (_, i) => i);
  const frames = 57;
  const whole = stepsToFrames(steps, k, frames);
  // Frame 5 (centre 0.22 s) is at step 0's centre (0.24 s) to within a frame: close to step 0.
  assert.ok(Math.abs(whole[5 * k] - steps[0]) < 0.01);
  const s = new StepsToFrames(k, 3);
  const a = s.push(steps.subarray(0, 2 * k), emb.subarray(0, 6));
  const b = s.push(steps.subarray(2 * k), emb.subarray(6), frames);
  assert.equal(a.count + b.count, frames);
  const streamed = Float32Array.from([...a.activity, ...b.activity]);
  for (let i = 0; i < whole.length; i++) assert.ok(Math.abs(streamed[i] - whole[i]) < 1e-6, `value ${i}`);
  // Embeddings are held from the step each frame lies in.
  assert.deepEqual(Array.from(b.embedding.subarray(b.embedding.length - 3)), [12, 13, 14]);
});

test('the pitch track finds the F0 of a voiced tone and the summary tells low from high voices', () => {
  for (const hz of [110, 220]) {
    const pcm = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * (Math.sin((2 * Math.PI * hz * i) / 16000) + 0.5 * Math.sin((4 * Math.PI * hz * i) / 16000)));
    const t = new PitchTrack();
    const f0 = Float32Array.from([...t.push(pcm), ...t.finish()]);
    assert.ok(Math.abs(f0.length - 50) <= 1, `${f0.length} frames for 1 s`);
    const voiced = [...f0].filter((v) => v > 0);
    assert.ok(voiced.length >= 45);
    for (const v of voiced) assert.ok(Math.abs(v - hz) < hz * 0.02, `${v} Hz for ${hz} Hz`);
    const out = new Float32Array(4);
    pitchSummary(f0, 0, f0.length, out, 0);
    assert.ok(out[0] > 0.9);
    assert.ok(Math.abs(out[1] - Math.log2(hz / 150)) < 0.05);
    assert.deepEqual([out[2] > 0.9, out[3] > 0.9], hz < 160 ? [true, false] : [false, true]);
  }
  const silent = new PitchTrack();
  assert.ok([...silent.push(new Float32Array(8000)), ...silent.finish()].every((v) => v === 0));
});

/** Tagger-feature examples whose first 64 features rise during laughter. */
function examples(n: number, seed: number) {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) + 0.5) / 4294967296;
  return Array.from({ length: n }, () => {
    const steps = 21;
    const on = Math.floor(rnd() * 12);
    const events = [{ label: 'laughter' as const, onset: on * TAGGER_STEP_S, offset: (on + 6) * TAGGER_STEP_S }];
    const features = Float32Array.from({ length: steps * TAGGER_DIMS }, (_, i) => {
      const step = Math.floor(i / TAGGER_DIMS);
      const laughing = step >= on && step < on + 6;
      return (i % TAGGER_DIMS < 64 && laughing ? 2 : 0) + 0.3 * (rnd() - 0.5);
    });
    return { features, events, durationS: steps * TAGGER_STEP_S };
  });
}

test('a head learns from tagger features, saves, loads as a head, and leaks no tensor', async () => {
  await initBackend({ prefer: 'wasm' });
  const before = tf.memory().numTensors;
  const result = await trainHead({ group: 'nonverbal', seed: 3, train: examples(48, 1), calibration: examples(16, 2), epochs: 10, batchSize: 4, learningRate: 1e-2, emaDecay: 0.9, config: { hiddenDims: 8, gruUnits: 4, dropout: 0.1 } });
  const laughter = result.calibration!.segment.classWise.laughter.fMeasure;
  assert.ok(laughter > 0.8, `laughter F1 ${laughter}`);
  const dir = tmp();
  const version = await saveModel(dir, result.model, { postprocess: result.postprocess, training: {}, validation: {} });
  assert.match(version, /^sed-nonverbal-eat1-[0-9a-f]{8}$/);
  const loaded = await loadModel(dir);
  assert.ok(isHead(loaded.model));
  const x = tf.tensor3d(examples(1, 9)[0].features, [1, 21, TAGGER_DIMS]);
  const [a, b] = [result.model.apply(x), loaded.model.apply(x as never)];
  assert.deepEqual(Array.from(a.logits.dataSync()), Array.from(b.logits.dataSync()));
  tf.dispose([x, a.logits, a.attention, a.embedding, b.logits, b.attention, b.embedding]);
  result.model.dispose();
  loaded.model.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('retraining a head scores it and the head it started from on the same held-out recording', async () => {
  await initBackend({ prefer: 'wasm' });
  const init = TaggerHead.create({ ...defaultHeadConfig('nonverbal'), hiddenDims: 8, gruUnits: 4, dropout: 0.1 }, 5);
  const recording = (name: string, seed: number) => {
    const parts = examples(4, seed);
    const features = new Float32Array(parts.reduce((n, p) => n + p.features.length, 0));
    parts.forEach((p, i) => features.set(p.features, i * p.features.length));
    const events = parts.flatMap((p, i) => p.events.map((e) => ({ ...e, onset: e.onset + i * p.durationS, offset: e.offset + i * p.durationS })));
    return { name, features, events, durationS: parts.length * parts[0].durationS };
  };
  const postprocess = init.config.classes.map(() => ({ ...DEFAULT_POSTPROCESS }));
  const r = await retrainHead({ group: 'nonverbal', recordings: [recording('a', 1), recording('b', 2)], init: { model: init, postprocess }, epochs: 10, batchSize: 2, learningRate: 1e-2 });
  assert.match(r.split, /b held out/);
  assert.equal(r.heldOut.windows, 4);
  assert.ok(r.heldOut.retrained.segment.classWise.laughter.fMeasure > r.heldOut.previous.segment.classWise.laughter.fMeasure);
  r.model.dispose();
  init.dispose();
});

test('a detection session over a tagger head and a CBRNN streams the same frames whatever the chunking', async () => {
  await initBackend({ prefer: 'wasm' });
  const dir = tmp();
  const head = TaggerHead.create({ ...defaultHeadConfig('verbal'), hiddenDims: 8, gruUnits: 4 }, 1);
  await saveModel(path.join(dir, 'verbal'), head, { postprocess: head.config.classes.map(() => ({ ...DEFAULT_POSTPROCESS })), training: {}, validation: {} });
  head.dispose();
  const { Cbrnn } = await import('../../../src-main/sed/model/cbrnn.js');
  const { defaultConfig } = await import('../../../src-main/sed/model/config.js');
  const cbrnn = Cbrnn.create({ ...defaultConfig('nonverbal'), convChannels: [4, 8, 8], gruUnits: 4 }, 2);
  await saveModel(path.join(dir, 'nonverbal'), cbrnn, { postprocess: cbrnn.config.classes.map(() => ({ ...DEFAULT_POSTPROCESS })), training: {}, validation: {} });
  cbrnn.dispose();
  const detector = await SoundEventDetector.load({ verbal: path.join(dir, 'verbal'), nonverbal: path.join(dir, 'nonverbal') });
  try {
    const pcm = Float32Array.from({ length: 16000 * 6 + 321 }, (_, i) => 0.2 * Math.sin(i * 0.07) * Math.sin(i * 0.0003));
    const run = async (size: number) => {
      const s = detector.session();
      const blocks = [];
      for (let i = 0; i < pcm.length; i += size) blocks.push(await s.push(pcm.subarray(i, i + size)));
      blocks.push(await s.finish());
      return blocks;
    };
    const one = await run(pcm.length);
    const many = await run(3000);
    const frames = Math.ceil(Math.ceil(pcm.length / 160) / 4);
    for (const blocks of [one, many]) {
      assert.equal(blocks.reduce((n, b) => n + b.count, 0), frames);
      blocks.forEach((b, i) => i > 0 && assert.equal(b.start, blocks[i - 1].start + blocks[i - 1].count));
    }
    const activity = (blocks: typeof one, g: 'verbal' | 'nonverbal') => blocks.flatMap((b) => Array.from(b.groups[g].activity));
    for (const g of ['verbal', 'nonverbal'] as const) {
      const [a, b] = [activity(one, g), activity(many, g)];
      for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-4, `${g} value ${i}`);
    }
    assert.equal(one[0].groups.verbal.dims, 8);
  } finally {
    detector.dispose();
  }
});
