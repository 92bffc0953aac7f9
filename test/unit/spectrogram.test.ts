import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hzToMel } from '../../src-main/features/dsp/mel-filterbank.js';
import { SpectrogramSink } from '../../src-main/jobs/spectrogram.js';
import { coarsenSpectrogram, columnCount, dbToByte, FINEST_COLUMNS_PER_SECOND } from '../../src-main/media/spectrogram.js';
import { LOG_MEL } from '../../src-main/sed/frontend/log-mel.js';

const RATE = LOG_MEL.sampleRate;
const sine = (hz: number, seconds: number, amp = 0.5) => Float32Array.from({ length: seconds * RATE }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / RATE));

function spectrogramOf(...parts: Float32Array[]) {
  const sink = new SpectrogramSink();
  // Uneven chunks, as a decoder hands them over.
  for (const p of parts) for (let i = 0; i < p.length; i += 4093) sink.push(p.subarray(i, i + 4093));
  return sink.finish();
}

/** The band whose triangle peaks nearest `hz`. */
function bandOf(hz: number): number {
  const step = hzToMel(LOG_MEL.highHz) / (LOG_MEL.bands + 1);
  return Math.round(hzToMel(hz) / step) - 1;
}

test('spectrogram: a 1 kHz sine lights the 1 kHz mel band and little else', () => {
  const [finest] = spectrogramOf(sine(1000, 2));
  assert.equal(finest.bands, 64);
  assert.equal(finest.columnsPerSecond, FINEST_COLUMNS_PER_SECOND);
  assert.equal(columnCount(finest), 2 * FINEST_COLUMNS_PER_SECOND);
  const want = bandOf(1000);
  for (const c of [10, 50, 90]) {
    const col = finest.data.subarray(c * 64, c * 64 + 64);
    const loudest = col.indexOf(Math.max(...col));
    assert.ok(Math.abs(loudest - want) <= 1, `column ${c}: loudest band ${loudest}, expected ${want}`);
    // A 0.5-amplitude sine is about −12 dB in its band; bands far from it are near the floor.
    assert.ok(col[loudest] > dbToByte(-20), `peak byte ${col[loudest]}`);
    assert.ok(col[60] < dbToByte(-60), `band 60 byte ${col[60]}`);
  }
});

test('spectrogram: silence is the floor, and the quiet part of a film stays dark', () => {
  const [finest] = spectrogramOf(new Float32Array(RATE), sine(3000, 1));
  assert.equal(columnCount(finest), 100);
  // The first 49 columns are all-silent frames (the 50th overlaps the tone's 25 ms window).
  assert.ok(finest.data.subarray(0, 49 * 64).every((v) => v === 0));
  assert.ok(Math.max(...finest.data.subarray(60 * 64)) > dbToByte(-20));
});

test('spectrogram: coarser levels keep each band\'s loudest column, four columns to one, down to 64 columns', () => {
  const levels = spectrogramOf(new Float32Array(20 * RATE));
  assert.deepEqual(levels.map((l) => [l.columnsPerSecond, columnCount(l)]), [[50, 1000], [12.5, 250], [3.125, 63]]);
  const level = { columnsPerSecond: 4, bands: 2, data: Uint8Array.from([1, 9, 5, 2, 3, 3, 7, 0, 8, 4]) };
  assert.deepEqual(coarsenSpectrogram(level), { columnsPerSecond: 1, bands: 2, data: Uint8Array.from([7, 9, 8, 4]) });
});

test('spectrogram: the byte scale runs from the −100 dB floor to full scale, clamped', () => {
  assert.deepEqual([-200, -100, -50, 0, 6].map(dbToByte), [0, 0, 128, 255, 255]);
});
