import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coarsen, PeaksBuilder } from '../../src-main/media/peaks.js';

test('peaks hold each 10 ms bin\'s extremes, pushed in uneven chunks', () => {
  const rate = 16000;
  const signal = new Float32Array(rate); // 1 s: bin k holds a spike of height k/100
  for (let k = 0; k < 100; k++) {
    signal[k * 160 + 7] = k / 100;
    signal[k * 160 + 9] = -k / 200;
  }
  const b = new PeaksBuilder(rate);
  b.push(signal.subarray(0, 1234));
  b.push(signal.subarray(1234));
  const [finest, ...coarser] = b.finish();
  assert.equal(finest.binsPerSecond, 100);
  assert.equal(finest.max.length, 100);
  assert.equal(finest.max[42], Math.round(0.42 * 32767));
  assert.equal(finest.min[42], Math.round(-0.21 * 32767));
  assert.equal(coarser[0].binsPerSecond, 25);
  assert.equal(coarser[0].max[10], finest.max[43]);
  assert.equal(coarser[coarser.length - 1].max.length <= 64, true);
});

test('coarsening keeps the extremes of a partial last group', () => {
  const level = { binsPerSecond: 100, min: Int16Array.from([-1, -5, 0, 0, -9]), max: Int16Array.from([1, 2, 3, 4, 7]) };
  const c = coarsen(level);
  assert.deepEqual([...c.min], [-5, -9]);
  assert.deepEqual([...c.max], [4, 7]);
});
