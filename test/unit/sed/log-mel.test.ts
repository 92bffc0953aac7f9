/**
 * The log-mel front end on synthetic signals: a tone lands in the band around its frequency, the
 * frame count and alignment follow the 10 ms grid, and streaming in odd chunks changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_MEL, logMel, LogMelStream } from '../../../src-main/sed/frontend/log-mel.js';
import { hzToMel } from '../../../src-main/features/dsp/mel-filterbank.js';

const sr = LOG_MEL.sampleRate;
const sine = (hz: number, seconds: number, amp = 1) =>
  Float32Array.from({ length: Math.round(sr * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / sr));

test('frame count is ceil(N / hop)', () => {
  for (const n of [1, 159, 160, 161, 400, 16000, 16001]) {
    assert.equal(logMel(new Float32Array(n)).length / LOG_MEL.bands, Math.ceil(n / LOG_MEL.hop), `n=${n}`);
  }
});

test('a 1 kHz tone peaks in the band whose centre is nearest 1 kHz, at about ln(0.25)', () => {
  const frames = logMel(sine(1000, 1));
  const row = frames.subarray(50 * LOG_MEL.bands, 51 * LOG_MEL.bands);
  const peak = row.indexOf(Math.max(...row));
  const step = hzToMel(LOG_MEL.highHz) / (LOG_MEL.bands + 1);
  const expected = Math.round(hzToMel(1000) / step) - 1;
  assert.ok(Math.abs(peak - expected) <= 1, `peak band ${peak}, expected ≈ ${expected}`);
  // The peak band integrates the main lobe: between 1/4 and 1/2 of the sine's power 1/2 · (1/2)².
  assert.ok(row[peak] > Math.log(0.1) && row[peak] < Math.log(0.6), `peak ${row[peak]}`);
});

test('frames are centred on the 10 ms grid: a click at 505 ms is loudest in frame 50', () => {
  const x = new Float32Array(sr);
  x[8080] = 1;
  const frames = logMel(x);
  const energy = (f: number) => frames.subarray(f * 64, f * 64 + 64).reduce((a, b) => a + Math.exp(b), 0);
  const loudest = [48, 49, 50, 51, 52].reduce((best, f) => (energy(f) > energy(best) ? f : best), 48);
  assert.equal(loudest, 50);
});

test('streaming in odd chunks gives the same frames as one call', () => {
  const x = sine(440, 1.37, 0.3);
  for (let i = 0; i < x.length; i += 7) x[i] += 0.05;
  const whole = logMel(x);
  const stream = new LogMelStream();
  const parts: Float32Array[] = [];
  for (let at = 0, size = 1; at < x.length; at += size, size = (size * 7 + 3) % 4001) parts.push(stream.push(x.subarray(at, at + size)));
  parts.push(stream.finish());
  const joined = Float32Array.from(parts.flatMap((p) => Array.from(p)));
  assert.equal(joined.length, whole.length);
  for (let i = 0; i < whole.length; i++) assert.ok(Math.abs(joined[i] - whole[i]) < 1e-5, `value ${i}`);
});

test('silence sits at the floor', () => {
  const frames = logMel(new Float32Array(1600));
  assert.ok(frames.every((v) => Math.abs(v - Math.log(LOG_MEL.floor)) < 1e-6));
});
