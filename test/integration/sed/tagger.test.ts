/**
 * The pretrained front end: EfficientAT's log-mel in TypeScript against the reference statistics and
 * implementation in ../shared/models (skipped without it), the streaming forms against the whole-
 * signal ones, and the ONNX tagger against the class scores recorded by the folder's verification.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { decodeAudio } from '../../../src-main/media/decode-audio.js';
import { EAT_MEL, EfficientAtMelStream, efficientAtMel } from '../../../src-main/sed/tagger/efficientat-mel.js';
import { AudioTagger, TAGGER, TAGGER_DIMS, TaggerStream, tagSignal, taggerSteps } from '../../../src-main/sed/tagger/tagger.js';
import { Upsampler2x } from '../../../src-main/sed/tagger/upsample.js';

const SHARED = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'shared');
const MODELS = path.join(SHARED, 'models', 'efficientat-mn04_as');
const HUMAN = path.join(SHARED, 'data', 'human-sounds');

/** The verification scripts' generator (an LCG and Box–Muller), so figures can be compared with theirs. */
function gaussians(seed: number): (n: number) => Float32Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) + 0.5) / 4294967296;
  return (n) => Float32Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd()));
}
const gaussian = (n: number, seed: number) => gaussians(seed)(n);

const concat = (parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};

test('EfficientAT log-mel of white noise matches the statistics pinned by the reference implementation', () => {
  // EfficientAT's test: torch.randn(2, 32000) → shape (2, 128, 100), mean 1.8050, std 0.7126
  // (check-eat-mel.mjs draws eight such seconds from seed 12345 and gets 1.8063 / 0.7158).
  const values: number[] = [];
  const draw = gaussians(12345);
  for (let r = 0; r < 8; r++) {
    const { frames, data } = efficientAtMel(draw(32000));
    assert.equal(frames, 100);
    values.push(...data);
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  assert.ok(Math.abs(mean - 1.805) < 0.01, `mean ${mean}`);
  assert.ok(Math.abs(std - 0.7126) < 0.01, `std ${std}`);
});

test('EfficientAT log-mel equals the reference JavaScript front end frame for frame', { skip: !existsSync(MODELS) && 'needs ../shared/models' }, async () => {
  // The reference requires fft.js from beside itself; a copy inside the repo finds ours.
  const copy = path.resolve(import.meta.dirname, '..', '..', '..', 'test-artifacts', 'efficientat-features.mjs');
  await mkdir(path.dirname(copy), { recursive: true });
  await copyFile(path.join(MODELS, 'efficientat-features.mjs'), copy);
  const { efficientatMel: reference } = (await import(copy)) as { efficientatMel: (x: Float32Array) => { T: number; data: Float32Array } };
  const x = Float32Array.from(gaussian(3 * 32000 + 123, 9), (v, i) => 0.3 * Math.sin(i * 0.05) + 0.05 * v);
  const ref = reference(x);
  const ours = efficientAtMel(x);
  assert.equal(ours.frames, ref.T);
  let worst = 0;
  for (let t = 0; t < ref.T; t++) for (let m = 0; m < EAT_MEL.bands; m++) worst = Math.max(worst, Math.abs(ref.data[m * ref.T + t] - ours.data[t * EAT_MEL.bands + m]));
  assert.ok(worst < 1e-4, `largest difference ${worst}`);
});

test('the streaming log-mel gives the whole-signal frames for any chunking', () => {
  const x = gaussian(32000 * 2 + 777, 3);
  const whole = efficientAtMel(x).data;
  for (const size of [1, 313, 4096]) {
    const s = new EfficientAtMelStream();
    const parts: Float32Array[] = [];
    for (let i = 0; i < x.length; i += size) parts.push(s.push(x.subarray(i, i + size)));
    parts.push(s.finish());
    assert.deepEqual(concat(parts), whole, `chunks of ${size}`);
  }
});

test('the 2× upsampler keeps the samples, interpolates a low tone closely and streams like one call', () => {
  const x = Float32Array.from({ length: 4000 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 16000));
  const one = new Upsampler2x();
  const y = concat([one.push(x), one.finish()]);
  assert.equal(y.length, 2 * x.length);
  for (let i = 0; i < x.length; i++) assert.equal(y[2 * i], x[i]);
  let err = 0;
  for (let j = 100; j < y.length - 100; j++) err = Math.max(err, Math.abs(y[j] - Math.sin((2 * Math.PI * 440 * j) / 32000)));
  assert.ok(err < 2e-3, `interpolation error ${err}`);
  const chunked = new Upsampler2x();
  const parts: Float32Array[] = [];
  for (let i = 0; i < x.length; i += 333) parts.push(chunked.push(x.subarray(i, i + 333)));
  parts.push(chunked.finish());
  assert.deepEqual(concat(parts), y);
});

test('the tagger stream covers every 25 Hz frame and does not depend on how the audio is chunked', async () => {
  const tagger = await AudioTagger.load();
  try {
    const pcm = Float32Array.from(gaussian(16000 * 7 + 500, 5), (v) => 0.1 * v);
    const whole = await tagSignal(tagger, pcm);
    assert.equal(whole.length / TAGGER_DIMS, taggerSteps(pcm.length));
    assert.ok(taggerSteps(pcm.length) * TAGGER.framesPerStep >= Math.ceil(pcm.length / 640));
    const s = new TaggerStream(tagger, 3);
    const parts: Float32Array[] = [];
    for (let i = 0; i < pcm.length; i += 5000) parts.push((await s.push(pcm.subarray(i, i + 5000))).features);
    parts.push((await s.finish()).features);
    const streamed = concat(parts);
    assert.equal(streamed.length, whole.length);
    for (let i = 0; i < whole.length; i++) assert.ok(Math.abs(streamed[i] - whole[i]) < 1e-4);
  } finally {
    await tagger.release();
  }
});

test('the tagger reproduces the class scores its verification recorded on real clips', { skip: !existsSync(HUMAN) && 'needs ../shared/data' }, async () => {
  // From ../shared/models/efficientat-mn04_as/verify-eat-3clips.txt (one pass over the whole clip,
  // audio resampled to 32 kHz by ffmpeg there, by our interpolator here).
  const expected: Array<[string, Array<[number, number]>]> = [
    ['crying/scratch__BabyCry.flac', [[23, 0.69]]], // Baby cry, infant cry
    ['speech_male/kajongg-de-male2__dr.flac', [[0, 0.66]]], // Speech
    ['shouting/openarena-kyonshi__falling1.flac', [[14, 0.44]]], // Screaming
  ];
  const tagger = await AudioTagger.load();
  try {
    for (const [file, scores] of expected) {
      const pcm = await decodeAudio(path.join(HUMAN, file), { sampleRate: 16000 });
      const up = new Upsampler2x();
      const { frames, data } = efficientAtMel(concat([up.push(pcm), up.finish()]));
      const melMajor = new Float32Array(data.length);
      for (let t = 0; t < frames; t++) for (let m = 0; m < EAT_MEL.bands; m++) melMajor[m * frames + t] = data[t * EAT_MEL.bands + m];
      const out = await tagger.run(melMajor, 1, frames);
      const logits = out.subarray(TAGGER.embeddingDims);
      const top = logits.indexOf(Math.max(...logits));
      for (const [cls, p] of scores) {
        const ours = 1 / (1 + Math.exp(-logits[cls]));
        assert.ok(Math.abs(ours - p) < 0.06, `${file}: class ${cls} scores ${ours.toFixed(3)}, reference ${p}`);
        assert.equal(top, cls, `${file}: top class ${top}`);
      }
    }
  } finally {
    await tagger.release();
  }
});
