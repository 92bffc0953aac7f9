import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSeriesPyramid, buildPyramid, decimate, pickLevel } from '../../src-renderer/src/lib/pyramid.js';

test('each level halves and keeps the extremes', () => {
  const v = Float32Array.from([0, 1, -1, 0.5, 0.25]);
  const p = buildSeriesPyramid(v, 4);
  assert.deepEqual(p.map((l) => l.min.length), [5, 3, 2, 1]);
  assert.deepEqual(Array.from(p[1].max), [1, 0.5, 0.25]);
  assert.deepEqual(Array.from(p[1].min), [0, -1, 0.25]);
  assert.equal(p[3].min[0], -1);
  assert.equal(p[3].max[0], 1);
  assert.equal(p[3].rate, 0.5);
});

test('NaN (unlabelled) only survives where every sample is NaN', () => {
  const v = Float32Array.from([NaN, 0.3, NaN, NaN]);
  const p = buildSeriesPyramid(v, 1);
  assert.equal(p[1].max[0], Float32Array.from([0.3])[0]);
  assert.ok(Number.isNaN(p[1].max[1]));
});

test('the picked level has at least one sample per pixel', () => {
  const p = buildSeriesPyramid(new Float32Array(180_000), 25);
  assert.equal(pickLevel(p, 0.17).rate >= 0.17, true);
  assert.equal(pickLevel(p, 0.17).rate < 0.34, true);
  assert.equal(pickLevel(p, 500).rate, 25);
});

test('columns are the min and max of the samples they cover', () => {
  // A 2-hour curve on 1,200 px: 150 samples per column, a ramp makes each column's range known.
  const n = 180_000;
  const ramp = Float32Array.from({ length: n }, (_, i) => i / n);
  const p = buildSeriesPyramid(ramp, 25);
  const cols = decimate(p, 0, 1200 / 7200, 1200);
  assert.equal(cols.min.length, 1200);
  for (const x of [0, 599, 1199]) {
    assert.ok(Math.abs(cols.min[x] - (x * 150) / n) < 2 / 1200, `min at ${x}`);
    assert.ok(Math.abs(cols.max[x] - ((x + 1) * 150 - 1) / n) < 2 / 1200, `max at ${x}`);
  }
});

test('zoomed past the data, each sample holds over its interval; nothing past the end', () => {
  const p = buildPyramid(Float32Array.from([-0.5, 0.5]), Float32Array.from([0.5, 0.9]), 1);
  const cols = decimate(p, 0, 10, 25);
  assert.equal(cols.max[0], 0.5);
  assert.equal(cols.max[9], 0.5);
  assert.equal(cols.max[10], Float32Array.from([0.9])[0]);
  assert.equal(cols.max[19], Float32Array.from([0.9])[0]);
  assert.ok(Number.isNaN(cols.max[20]));
});
