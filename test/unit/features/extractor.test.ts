/** The streaming extractor's contract: chunking, windowing rule, odd inputs, bounded memory. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmobase2010Extractor, extractEmobase2010 } from '../../../src-main/features/emobase2010/extractor.js';
import { FEATURE_COUNT, featureNames, LLD_COLUMN_COUNT } from '../../../src-main/features/emobase2010/names.js';

const RATE = 16000;

function voice(seconds: number, { dc = 0, gain = 0.3, clip = Infinity } = {}): Float32Array {
  let seed = 7;
  return Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => {
    const f0 = 120 + 30 * Math.sin((2 * Math.PI * i) / RATE);
    let s = 0;
    for (let h = 1; h <= 8; h++) s += Math.sin((2 * Math.PI * f0 * h * i) / RATE) / h;
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const v = gain * s + 0.01 * (seed / 2 ** 32 - 0.5) + dc;
    return Math.max(-clip, Math.min(clip, v));
  });
}

function run(samples: Float32Array, chunk: number) {
  const frames: Float32Array[] = [];
  const llds: Float32Array[] = [];
  const ex = createEmobase2010Extractor({ wholeFile: true, onFrame: (r) => frames.push(r.slice()), onLld: (r) => llds.push(r.slice()) });
  for (let i = 0; i < samples.length; i += chunk) ex.push(samples.subarray(i, i + chunk));
  return { frames, llds, whole: ex.finish()! };
}

const allFinite = (rows: Float32Array[]) => rows.every((r) => r.every(Number.isFinite));

test('rows do not depend on how the stream is chunked', () => {
  const x = voice(2.3);
  const a = run(x, x.length);
  const b = run(x, 777);
  const c = run(x, 1);
  assert.equal(a.frames.length, b.frames.length);
  assert.deepEqual(b.frames, a.frames);
  assert.deepEqual(c.frames, a.frames);
  assert.deepEqual(b.llds, a.llds);
  assert.deepEqual(b.whole, a.whole);
});

test('window count follows openSMILE: N LLD frames give floor((N-42)/4)+1 windows', () => {
  for (const samples of [80000, 16000 * 7.1, 960 + 160 * 41, 960 + 160 * 40, 960, 1120]) {
    const n = Math.floor((samples - 960) / 160) + 1;
    const { frames, llds } = run(voice(samples / RATE), 4096);
    assert.equal(llds.length, n);
    assert.equal(frames.length, Math.max(0, Math.floor((n - 42) / 4) + 1), `${samples} samples`);
    assert.equal(frames[0]?.length ?? FEATURE_COUNT, FEATURE_COUNT);
    assert.equal(llds[0].length, LLD_COLUMN_COUNT);
  }
});

test('inputs too short for a 60 ms frame give no rows and a zero whole-input row', () => {
  for (const n of [0, 1, 959]) {
    const r = run(new Float32Array(n), 100);
    assert.equal(r.llds.length, 0);
    assert.equal(r.frames.length, 0);
    assert.ok(r.whole.every((v) => v === 0));
  }
});

test('silence gives finite values: zero loudness, floored MFCCs, no voicing', () => {
  const { frames, llds, whole } = run(new Float32Array(RATE * 2), 3200);
  assert.ok(allFinite(frames) && allFinite(llds) && allFinite([whole]));
  const names = featureNames();
  assert.equal(whole[names.indexOf('pcm_loudness_sma_amean')], 0);
  assert.equal(whole[names.indexOf('F0final_sma_amean')], 0);
  assert.equal(whole[names.indexOf('F0final__Turn_numOnsets')], 0);
  assert.ok(Math.abs(whole[names.indexOf('pcm_fftMag_mfcc_sma[0]_amean')] - Math.sqrt(2 / 26) * 26 * Math.log(1e-8)) < 1e-3);
});

test('clipping and DC offset stay finite; the voice stays voiced', () => {
  const names = featureNames();
  const clipped = extractEmobase2010(voice(1.5, { gain: 3, clip: 1 }));
  const offset = extractEmobase2010(voice(1.5, { dc: 0.4 }));
  for (const { frames, whole } of [clipped, offset]) {
    assert.ok(allFinite(frames) && allFinite([whole]));
    assert.ok(whole[names.indexOf('F0final_sma_amean')] > 0, 'voiced frames found');
  }
  // openSMILE removes no DC either: the offset's window leakage below 50 Hz may mislead pitch, as it does there.
});

test('frame-wise memory stays bounded as the stream grows', () => {
  const second = voice(1);
  const ex = createEmobase2010Extractor({ onFrame: () => {} });
  const feed = (seconds: number) => {
    for (let s = 0; s < seconds; s++) ex.push(second);
  };
  feed(20);
  const before = process.memoryUsage().arrayBuffers;
  feed(100);
  const after = process.memoryUsage().arrayBuffers;
  ex.finish();
  assert.ok(after - before < 2 * 1024 * 1024, `grew by ${after - before} bytes over 100 s of audio`);
});
