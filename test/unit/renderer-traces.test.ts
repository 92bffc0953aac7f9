import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ValenceSeriesInfo } from '../../src-main/contract/domain.js';
import { assignColors, hashName, MEAN_COLOR, MODEL_PALETTE, RATER_PALETTE } from '../../src-renderer/src/lib/palette.js';
import { strokeFrames } from '../../src-renderer/src/lib/stroke.js';
import { drawOrder, traceEntries } from '../../src-renderer/src/lib/trace-list.js';
import { formatValence, valueAt, yToValence, valenceToY } from '../../src-renderer/src/lib/valence.js';

const N = Number.NaN;
const info = (id: number, kind: 'annotation' | 'prediction', name: string, rater: string | null, modelVersion: string | null = null): ValenceSeriesInfo => ({
  id, movieId: 1, kind, name, rater, rate: 25, length: 4, modelVersion, createdAt: '2025-01-01 00:00:00',
});

test('colours are stable per name and distinct within a film', () => {
  const own = RATER_PALETTE[hashName('alice') % RATER_PALETTE.length];
  assert.equal(assignColors(['alice'], RATER_PALETTE).get('alice'), own);
  // Beside raters whose slots differ from hers, alice keeps her colour on every film.
  const others = ['bob', 'carol', 'dave', 'erin', 'frank'].filter((n) => hashName(n) % RATER_PALETTE.length !== hashName('alice') % RATER_PALETTE.length);
  assert.equal(assignColors([...others, 'alice'], RATER_PALETTE).get('alice'), own);
  // Eight names on an eight-colour palette: every one its own colour, whatever their hashes.
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  assert.equal(new Set(assignColors(names, RATER_PALETTE).values()).size, 8);
  assert.deepEqual(assignColors(names, RATER_PALETTE), assignColors([...names].reverse(), RATER_PALETTE), 'order does not matter');
});

test('the lane lists raters, their mean, then each model version, and draws the mean on top', () => {
  const series = [
    { info: info(3, 'prediction', 'Attention (v2)', null, 'v2'), values: new Float32Array([0, 0, 0, 0]) },
    { info: info(1, 'annotation', 'bob', 'bob'), values: new Float32Array([1, 1, N, N]) },
    { info: info(2, 'annotation', 'alice', 'alice'), values: new Float32Array([0, N, N, N]) },
  ];
  const entries = traceEntries(series);
  assert.deepEqual(entries.map((e) => [e.key, e.kind, e.rater]), [
    ['rater:alice', 'rater', 'alice'],
    ['rater:bob', 'rater', 'bob'],
    ['mean', 'mean', null],
    ['model:3', 'prediction', null],
  ]);
  assert.deepEqual(Array.from(entries[2].values), [0.5, 1, N, N], 'the mean where at least one rater has a value');
  assert.equal(entries[2].color, MEAN_COLOR);
  assert.ok((MODEL_PALETTE as readonly string[]).includes(entries[3].color));
  assert.notEqual(entries[0].color, entries[1].color);
  assert.deepEqual(drawOrder(entries).map((e) => e.kind), ['prediction', 'rater', 'rater', 'mean']);
  assert.equal(traceEntries(series.slice(0, 2)).some((e) => e.kind === 'mean'), false, 'one rater: no mean');
});

test('a stroke becomes frame values interpolated between pointer samples', () => {
  // 25 Hz: from frame 2 (v 0) to frame 6 (v 1) in one segment.
  const s = strokeFrames([{ t: 0.08, v: 0 }, { t: 0.24, v: 1 }], 25, 100)!;
  assert.equal(s.start, 2);
  assert.deepEqual(s.values, [0, 0.25, 0.5, 0.75, 1]);
  // Drawn right to left works the same.
  assert.deepEqual(strokeFrames([{ t: 0.24, v: 1 }, { t: 0.08, v: 0 }], 25, 100), s);
});

test('where a stroke doubles back the later part wins; it stays inside the film and the scale', () => {
  const s = strokeFrames([{ t: 0, v: 0 }, { t: 0.16, v: 0 }, { t: 0.08, v: 2 }], 25, 100)!;
  assert.equal(s.start, 0);
  assert.deepEqual(s.values, [0, 0, 1, 0.5, 0]);
  const clipped = strokeFrames([{ t: 3.9, v: -0.5 }, { t: 5, v: -0.5 }], 25, 100)!;
  assert.deepEqual([clipped.start, clipped.values.length], [98, 2], 'frames 98 and 99 (3.92 s, 3.96 s) of 100');
  assert.deepEqual(strokeFrames([{ t: 0.41, v: 0.3 }], 25, 100), { start: 10, values: [0.3] }, 'a click sets one frame');
  assert.equal(strokeFrames([], 25, 100), null);
});

test('lane y and valence map both ways; readouts print the value and its class', () => {
  assert.equal(yToValence(valenceToY(0.4, 120), 120), 0.4);
  assert.equal(yToValence(-10, 120), 1, 'clamped above the lane');
  assert.equal(valueAt(new Float32Array([0.1, 0.2, 0.3]), 0.079), new Float32Array([0.2])[0]);
  assert.ok(Number.isNaN(valueAt(new Float32Array([0.1]), 1)));
  assert.equal(formatValence(0.2), '+0.20 (5)');
  assert.equal(formatValence(-1), '−1.00 (1)');
  assert.equal(formatValence(0), '+0.00 (4)');
  assert.equal(formatValence(N), '—');
});
