import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowResampler, type Interpolation } from '../../../src-main/visual/row-resampler.js';

/** Runs 1-d samples (value = sample index) through a resampler in chunks; returns rows by index. */
function resample(samples: number, rate: number, interpolation: Interpolation, chunk = samples, startRow = 0) {
  const rows = new Map<number, number>();
  const calls: number[] = [];
  const r = new RowResampler({
    dims: 1, sampleRate: rate, rowRate: 25, interpolation, startRow,
    onRows: (first, data, count) => {
      calls.push(first);
      for (let i = 0; i < count; i++) {
        assert.ok(!rows.has(first + i), `row ${first + i} emitted twice`);
        rows.set(first + i, data[i]);
      }
    },
  });
  for (let at = 0; at < samples; at += chunk) {
    const n = Math.min(chunk, samples - at);
    r.add(Float32Array.from({ length: n }, (_, i) => at + i), n);
  }
  return { total: r.finish(), rows, calls };
}

test('linear interpolation reproduces a ramp exactly; rows cover the last sample’s span', () => {
  const { total, rows } = resample(4, 1, 'linear');
  assert.equal(total, 100); // 4 samples at 1/s cover 4 s = 100 rows
  for (let j = 0; j <= 75; j++) assert.ok(Math.abs(rows.get(j)! - j / 25) < 1e-6, `row ${j}`);
  // After the last sample (3 s) the value is held.
  for (let j = 76; j < 100; j++) assert.equal(rows.get(j), 3);
});

test('hold keeps the last computed sample until the next one', () => {
  const { total, rows } = resample(3, 2, 'hold');
  assert.equal(total, 38); // 1.5 s → 37.5 rows, the last partly covered
  for (let j = 0; j < 38; j++) assert.equal(rows.get(j), Math.floor((j * 2) / 25 + 1e-9), `row ${j}`);
});

test('rates that do not divide 25 Hz and chunked input give the same rows', () => {
  const whole = resample(10, 3, 'linear');
  const pieces = resample(10, 3, 'linear', 3);
  assert.equal(pieces.total, whole.total);
  assert.equal(whole.total, Math.ceil((10 * 25) / 3));
  assert.deepEqual([...pieces.rows.entries()], [...whole.rows.entries()]);
  // Sample 9 (the last) sits at row 75; later rows hold it.
  for (let j = 0; j <= 75; j++) assert.ok(Math.abs(whole.rows.get(j)! - (j * 3) / 25) < 1e-5, `row ${j}`);
});

test('rows are numbered from the start row (a resumed film)', () => {
  const { rows, calls } = resample(2, 1, 'hold', 1, 500);
  assert.equal(calls[0], 500);
  assert.equal(Math.min(...rows.keys()), 500);
  assert.equal(Math.max(...rows.keys()), 549);
});

test('rates faster than 25 Hz sample the rows; no samples, no rows', () => {
  const { total, rows } = resample(100, 50, 'linear');
  assert.equal(total, 50);
  assert.equal(rows.get(10), 20);
  assert.equal(resample(0, 1, 'hold').total, 0);
});
