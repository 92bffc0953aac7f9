/** Frame uncertainty of the review queue on hand-made activity: margin to the threshold and confusion. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameUncertainty, marginUncertainty, normalisedEntropy } from '../../../src-main/sed/review/uncertainty.js';

const pp = (threshold: number, medianFrames = 1) => ({ threshold, medianFrames, minDurationS: 0.2, minGapS: 0.3 });
const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

test('the margin measure is 1 on the threshold and falls to 0 a band away in logit units', () => {
  close(marginUncertainty(0.3, 0.3, 1.5), 1);
  // logit(0.5) − logit(0.25) = ln 3 ≈ 1.0986: a third of the way from 1.5 to 0 is left.
  close(marginUncertainty(0.5, 0.25, 1.5), 1 - Math.log(3) / 1.5);
  assert.equal(marginUncertainty(0.99, 0.25, 1.5), 0);
  assert.equal(marginUncertainty(0, 0.5, 1.5), 0);
  // Symmetric in logits, not in probability: 0.05 below 0.25 is further than 0.05 above 0.5.
  assert.ok(marginUncertainty(0.2, 0.25, 1.5) < marginUncertainty(0.55, 0.5, 1.5));
});

test('normalised entropy: 1 for equal classes, 0 for one class or none active', () => {
  close(normalisedEntropy([0.4, 0.4, 0.4, 0.4]), 1);
  assert.equal(normalisedEntropy([0.9, 0, 0, 0]), 0);
  assert.equal(normalisedEntropy([0, 0, 0, 0]), 0);
  assert.equal(normalisedEntropy([0.7]), 0);
  close(normalisedEntropy([0.5, 0.5, 0, 0]), 0.5);
});

test('frameUncertainty: near-threshold frames are unsure, confident ones are not', () => {
  // Two classes, three frames: on the threshold, far above, far below.
  const activity = Float32Array.from([0.5, 0.01, 0.99, 0.01, 0.01, 0.01]);
  const u = frameUncertainty(activity, [pp(0.5), pp(0.5)]);
  close(u.margin[0], 1);
  assert.equal(u.margin[2], 0);
  assert.equal(u.margin[4], 0);
});

test('confusion is charged to the most active class and needs something active', () => {
  // Frame 0: speech_male and speech_female equally high (confusion); frame 1: all near 0 (silence).
  const activity = Float32Array.from([0.8, 0.8, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02]);
  const u = frameUncertainty(activity, [pp(0.25), pp(0.3), pp(0.75), pp(0.55)]);
  // Relative to its own threshold class 0 (0.8/0.25) beats class 1 (0.8/0.3).
  assert.ok(u.confusion[0] > 0.5, `confusion ${u.confusion[0]}`);
  assert.equal(u.confusion[1], 0);
  assert.ok(u.confusion[4] + u.confusion[5] + u.confusion[6] + u.confusion[7] < 0.1, 'silence is not confusion');
});

test('the median filter the post-processing uses comes first: a one-frame blip is no doubt', () => {
  const column = [0.01, 0.01, 0.01, 0.5, 0.01, 0.01, 0.01];
  const raw = frameUncertainty(Float32Array.from(column), [pp(0.5, 1)]);
  const smoothed = frameUncertainty(Float32Array.from(column), [pp(0.5, 3)]);
  close(raw.margin[3], 1);
  assert.equal(smoothed.margin[3], 0);
});
