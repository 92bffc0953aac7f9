import { test } from 'node:test';
import assert from 'node:assert/strict';
import { framesOf, frameTime, MAX_STEP_SECONDS, passFrames, RatingSampler } from '../../src-renderer/src/lib/rating-sampler.js';
import { KEY_STEP, padAxis, stepValue, stickValue } from '../../src-renderer/src/lib/rating-input.js';

test('a film has one 25 Hz frame per started 40 ms', () => {
  assert.equal(framesOf(20), 500);
  assert.equal(framesOf(20.01), 501);
  assert.equal(framesOf(0), 0);
  assert.equal(frameTime(50), 2);
});

test('a pass covers the selected range, else the playhead to the end', () => {
  assert.deepEqual(passFrames({ start: 2, end: 6 }, 9, 500), { start: 50, end: 150 });
  assert.deepEqual(passFrames(null, 4.01, 500), { start: 100, end: 500 });
  assert.deepEqual(passFrames({ start: 18, end: 30 }, 0, 500), { start: 450, end: 500 }, 'clipped to the film');
  assert.equal(passFrames(null, 20, 500), null, 'nothing left at the end');
});

test('at half speed every film frame still gets one sample', () => {
  const s = new RatingSampler(0, 50);
  // 60 animation frames per second of wall time at 0.5×: 1/120 s of film per read.
  let value = 0;
  for (let i = 0; i <= 120; i++) {
    value = i < 60 ? 0.1 : 0.6;
    s.push(i / 120, value);
  }
  assert.equal(s.count, 26, 'frames 0..25 (0 s to 1 s) crossed');
  // Frame 12 (0.48 s) is crossed before the slider moves at 0.5 s, frame 13 (0.52 s) after.
  assert.ok(s.values.slice(0, 13).every((v) => Math.abs(v - 0.1) < 1e-6));
  assert.ok(s.values.slice(13).every((v) => Math.abs(v - 0.6) < 1e-6));
});

test('a stutter repeats the value over the frames it skipped; a jump ends the pass', () => {
  const s = new RatingSampler(10, 100);
  assert.equal(s.push(frameTime(10), 0.2), 'rating');
  assert.equal(s.count, 1);
  assert.equal(s.push(frameTime(15) + 0.001, -0.4), 'rating');
  assert.deepEqual(Array.from(s.values).map((v) => Math.round(v * 10) / 10), [0.2, -0.4, -0.4, -0.4, -0.4, -0.4]);
  assert.equal(s.push(frameTime(15) + MAX_STEP_SECONDS + 0.1, 0), 'jumped', 'a seek forward');
  assert.equal(s.push(frameTime(12), 0), 'jumped', 'a seek back');
  assert.equal(s.count, 6, 'nothing filled by either');
});

test('the pass ends at its last frame and clamps the slider to [-1, 1]', () => {
  const s = new RatingSampler(0, 3);
  assert.equal(s.push(0, 2), 'rating');
  assert.equal(s.push(0.5, -3), 'done');
  assert.deepEqual(Array.from(s.values), [1, -1, -1]);
  assert.equal(s.push(0.6, 0), 'done');
  assert.throws(() => new RatingSampler(5, 5), /start < end/);
});

test('arrow keys step the slider on a 0.05 grid, within [-1, 1]', () => {
  assert.equal(stepValue(0, 1), KEY_STEP);
  assert.equal(stepValue(0.33, -1), 0.3);
  assert.equal(stepValue(1, 1), 1);
  assert.equal(stepValue(-0.98, -1), -1);
  let v = 0;
  for (let i = 0; i < 4; i++) v = stepValue(v, 1);
  assert.equal(v, 0.2, 'no float drift over presses');
});

test('a gamepad stick sets the slider only when it moves; up is positive', () => {
  assert.equal(padAxis(null), null, 'no Gamepad API');
  assert.equal(padAxis([null, { connected: false, axes: [0, 0.5] }]), null);
  assert.equal(padAxis([{ connected: true, axes: [0.1, -0.7] }]), -0.7, 'axis 1: the left stick vertical');
  assert.equal(padAxis([{ connected: true, axes: [0.3] }]), 0.3);
  assert.equal(stickValue(-0.7, null), null, 'the first reading is only the baseline');
  assert.equal(stickValue(0, 0), null, 'a resting stick leaves the keys’ value alone');
  assert.equal(stickValue(-0.7, 0), 0.7);
  assert.equal(stickValue(0.05, 0.5), 0, 'inside the dead zone reads as centre');
  assert.equal(stickValue(null, 0.2), null);
});
