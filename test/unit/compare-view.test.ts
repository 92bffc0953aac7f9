/**
 * The comparison as the renderer shows it (#13 item 2): the table's rows (pooled first, then classes
 * or films, then each model's recorded figure), B − A and the better side, the picks' letters, and
 * the lane's geometry (A above B in each class row, spans clipped to the view).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComparedVersion, DetectorComparison, ValenceComparison } from '../../src-main/contract/compare.js';
import { eventSpans, halfBox, laneHeight, ROW_HEIGHT, rowClasses, SIDE_COLORS } from '../../src-renderer/src/components/compare/compare-lane.js';
import { better, compareRows, differenceText, figureText } from '../../src-renderer/src/components/compare/compare-table.js';
import { pickLetter } from '../../src-renderer/src/components/research/model-facts.js';

const version = (v: string, value: number | null): ComparedVersion => ({ version: v, name: v, shipped: false, active: false, recorded: { value, note: null } });

const detectors: DetectorComparison = {
  role: 'verbal',
  metric: 'macro segment F1',
  a: version('sed-a', 0.59),
  b: version('sed-b', null),
  material: { films: 1, windows: 2, events: 3, note: 'windows' },
  overall: { a: 0.25, b: 0.5 },
  classes: [
    { label: 'speech_male', reference: 5, a: 0.5, b: 1 },
    { label: 'speech_female', reference: 0, a: 0, b: 0 },
  ],
  films: [{ movieId: 4, title: 'Heat', windows: 2, events: 3, a: 0.25, b: 0.5 }],
  computed: [],
};

test('detector rows: pooled macro F1, each class with its curated seconds, each film, then the recorded figures', () => {
  const rows = compareRows(detectors);
  assert.deepEqual(rows.map((r) => r.key), ['macro', 'class:speech_male', 'class:speech_female', 'film:4', 'recorded']);
  assert.deepEqual(rows.map((r) => r.kind), ['main', 'part', 'part', 'part', 'recorded']);
  assert.equal(rows[1].metric, 'speech male F1 (5 s curated)');
  assert.equal(rows[3].metric, 'Heat · macro F1');
  assert.deepEqual([rows[4].a, rows[4].b], [0.59, null]);
});

test('valence rows: Acc and Acc±1 pooled, then per film', () => {
  const scores = (acc: number, acc1: number) => ({ acc, acc1 });
  const valence: ValenceComparison = {
    role: 'valence',
    metric: 'Acc',
    a: version('dnn-a', 0.3),
    b: version('dnn-b', 0.4),
    labels: 'mean of all raters',
    overall: { a: scores(0.3, 0.7), b: scores(0.35, 0.8), frames: 1000 },
    films: [{ movieId: 1, title: 'movie-0', frames: 1000, a: scores(0.3, 0.7), b: scores(0.35, 0.8) }],
    skipped: [],
  };
  const rows = compareRows(valence);
  assert.deepEqual(rows.map((r) => r.metric), ['1 film · Acc', '1 film · Acc±1', 'movie-0 · Acc', 'movie-0 · Acc±1', 'Recorded held-out Acc (each on its own material)']);
  assert.deepEqual([rows[1].a, rows[1].b], [0.7, 0.8]);
});

test('B − A is signed, a tie is ±0, a missing figure leaves it empty; the better side is marked', () => {
  assert.equal(differenceText({ a: 0.25, b: 0.5 }), '+0.250');
  assert.equal(differenceText({ a: 0.5, b: 0.25 }), '−0.250');
  assert.equal(differenceText({ a: 0.5, b: 0.5002 }), '±0.000');
  assert.equal(differenceText({ a: 0.5, b: null }), '');
  assert.equal(differenceText({ a: NaN, b: 0.2 }), '');
  assert.deepEqual([better({ a: 0.25, b: 0.5 }), better({ a: 0.5, b: 0.25 }), better({ a: 0.5, b: 0.5 }), better({ a: null, b: 1 })], ['b', 'a', null, null]);
  assert.deepEqual([figureText(0.12345), figureText(null), figureText(NaN)], ['0.123', '—', '—']);
});

test('picks read A then B in the order they were made', () => {
  assert.deepEqual([pickLetter(['x', 'y'], 'x'), pickLetter(['x', 'y'], 'y'), pickLetter(['x'], 'z')], ['A', 'B', null]);
});

test('lane: a row per class of the group, A in its upper half and B in its lower half; spans clipped to the view', () => {
  assert.deepEqual(rowClasses('nonverbal'), ['shouting', 'crying', 'breathing', 'laughter']);
  assert.equal(laneHeight('verbal'), 4 * ROW_HEIGHT);
  const [a, b] = [halfBox(2, 0), halfBox(2, 1)];
  assert.ok(a.y >= 2 * ROW_HEIGHT && a.y + a.height <= b.y && b.y + b.height <= 3 * ROW_HEIGHT, 'A above B inside row 2');
  assert.notEqual(SIDE_COLORS[0], SIDE_COLORS[1]);
  const view = { start: 10, pxPerSec: 10, width: 100 };
  // Before the view, across its left edge, a 0.01 s blip (one pixel at least), across its right edge, after it.
  const spans = eventSpans([ev(0, 5), ev(8, 12), ev(15, 15.01), ev(19, 30), ev(25, 26)], view);
  assert.deepEqual(spans, [[0, 20], [50, 51], [90, 100]]);
});

function ev(onset: number, offset: number) {
  return { onset, offset };
}
