/** Segments of the review queue from hand-made uncertainty: runs, merging, cutting, widening, ranking, cutting out, the study's oracle. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutOut } from '../../../src-main/sed/review/cut.js';
import { oracleVerdict } from '../../../src-main/sed/review/oracle.js';
import { SEGMENT_DEFAULTS, uncertainSegments, unsettled, worstFirst } from '../../../src-main/sed/review/segments.js';

const RATE = 25;
/** One class's uncertainty from (seconds, value) stretches; the rest 0. */
function column(seconds: number, stretches: Array<[number, number, number]>) {
  const margin = new Float32Array(seconds * RATE);
  for (const [from, to, v] of stretches) margin.fill(v, Math.round(from * RATE), Math.round(to * RATE));
  return { margin, confusion: new Float32Array(margin.length) };
}
const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('a run above the floor becomes one segment scored by its mean', () => {
  const [s] = uncertainSegments(column(20, [[4, 6, 0.8]]), ['crying'], RATE);
  assert.deepEqual({ ...s, score: Math.round(s.score * 100) / 100 }, { label: 'crying', start: 4, end: 6, score: 0.8, reason: 'threshold' });
});

test('runs closer than the merge gap join; frames between them lower the score', () => {
  const segs = uncertainSegments(column(20, [[4, 5, 0.9], [5.2, 6, 0.9], [10, 11, 0.9]]), ['crying'], RATE);
  assert.deepEqual(segs.map((s) => [s.start, s.end]), [[4, 6], [10, 11]]);
  close(segs[0].score, (0.9 * 45) / 50, 1e-5);
});

test('flickers are dropped, short runs widened about their centre, kept inside the film', () => {
  const segs = uncertainSegments(column(10, [[2, 2.04, 0.9], [5, 5.4, 0.9], [0, 0.2, 0.7]]), ['crying'], RATE);
  assert.deepEqual(segs.map((s) => [s.start, s.end].map((t) => Math.round(t * 100) / 100)), [[0, 1], [4.7, 5.7]]);
});

test('long runs are cut into equal pieces no longer than the maximum', () => {
  const segs = uncertainSegments(column(20, [[2, 10, 0.7]]), ['crying'], RATE);
  assert.equal(segs.length, Math.ceil(8 / SEGMENT_DEFAULTS.maxLengthS));
  assert.deepEqual(segs.map((s) => [s.start, s.end].map((t) => Math.round(t * 100) / 100)), [[2, 4.68], [4.68, 7.32], [7.32, 10]]);
});

test('the reason is the measure that made the segment unsure', () => {
  const u = { margin: new Float32Array(50).fill(0.3), confusion: new Float32Array(50).fill(0.9) };
  assert.equal(uncertainSegments(u, ['speech_male'], RATE)[0].reason, 'confusion');
});

test('settled spans of the same class take a segment out; other classes do not', () => {
  const segs = [
    { label: 'crying', start: 0, end: 2, score: 0.9 },
    { label: 'crying', start: 5, end: 7, score: 0.8 },
    { label: 'laughter', start: 0, end: 2, score: 0.7 },
  ];
  const settled = [
    { label: 'crying', start: 0.5, end: 1.2 },
    { label: 'crying', start: 1, end: 1.8 },
    { label: 'crying', start: 6.5, end: 9 },
  ];
  // [0, 2) is 1.3 s covered (overlaps counted once) → out; [5, 7) only 0.5 s → stays.
  assert.deepEqual(unsettled(segs, settled).map((s) => `${s.label}@${s.start}`), ['crying@5', 'laughter@0']);
});

test('worst first, ties by film then time', () => {
  const ranked = worstFirst([
    { movieId: 2, start: 1, score: 0.6 },
    { movieId: 1, start: 9, score: 0.6 },
    { movieId: 1, start: 3, score: 0.6 },
    { movieId: 3, start: 0, score: 0.9 },
  ]);
  assert.deepEqual(ranked.map((s) => `${s.movieId}@${s.start}`), ['3@0', '1@3', '1@9', '2@1']);
});

test('cutting a rejected segment out of a detected event trims, splits or removes it', () => {
  assert.deepEqual(cutOut({ onset: 2, offset: 6 }, 5, 8, 0.2), [{ onset: 2, offset: 5 }]);
  assert.deepEqual(cutOut({ onset: 2, offset: 6 }, 0, 3, 0.2), [{ onset: 3, offset: 6 }]);
  assert.deepEqual(cutOut({ onset: 2, offset: 10 }, 4, 5, 0.2), [{ onset: 2, offset: 4 }, { onset: 5, offset: 10 }]);
  assert.deepEqual(cutOut({ onset: 4, offset: 5 }, 3, 6, 0.2), []);
  assert.deepEqual(cutOut({ onset: 2, offset: 5.1 }, 3, 5, 0.2), [{ onset: 2, offset: 3 }], 'a 0.1 s sliver is dropped');
  assert.deepEqual(cutOut({ onset: 7, offset: 9 }, 3, 5, 0.2), [{ onset: 7, offset: 9 }], 'untouched');
});

test('the oracle reviewer accepts what the truth covers, relabels to the class that covers it, else rejects', () => {
  const truth = [
    { label: 'crying', start: 2, end: 5 },
    { label: 'laughter', start: 10, end: 12 },
    { label: 'crowd', start: 10.5, end: 11 },
  ];
  assert.deepEqual(oracleVerdict({ label: 'crying', start: 4, end: 6 }, truth), { verdict: 'accept' }, 'half covered');
  assert.deepEqual(oracleVerdict({ label: 'crying', start: 4.5, end: 6.5 }, truth), { verdict: 'reject' }, 'a quarter covered');
  assert.deepEqual(oracleVerdict({ label: 'shouting', start: 10, end: 11 }, truth), { verdict: 'relabel', label: 'laughter' });
  assert.deepEqual(oracleVerdict({ label: 'shouting', start: 20, end: 21 }, truth), { verdict: 'reject' });
});
