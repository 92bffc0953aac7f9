import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracy, accuracyWithin1, confusionMatrix, perClassRecall } from '../../../src-main/valence/stats/metrics.js';
import { argmaxClasses, CLASS_CENTRES, expectedValence, quantize } from '../../../src-main/valence/data/labels.js';

test('quantization uses the uniform 7-bin edges, class 4 neutral', () => {
  assert.deepEqual([...quantize([-1, -0.8, -5 / 7 + 1e-6, -0.2, 0, 0.14, 0.15, 0.5, 0.99, 1])], [1, 1, 2, 3, 4, 4, 5, 6, 7, 7]);
  assert.deepEqual(CLASS_CENTRES.map((c) => +c.toFixed(4)), [-0.8571, -0.5714, -0.2857, 0, 0.2857, 0.5714, 0.8571]);
});

test('expected valence and arg-max from probabilities', () => {
  const p = new Float32Array([0, 0, 0, 1, 0, 0, 0, 0.5, 0, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0.25, 0.75, 0]);
  assert.deepEqual([...expectedValence(p)].map((v) => +v.toFixed(4)), [0, 0, 0.5]);
  assert.deepEqual([...argmaxClasses(p)], [4, 1, 6]);
});

test('confusion, accuracy, acc±1 and recall on a hand-made case', () => {
  const truth = [1, 1, 2, 4, 4, 4, 7, 7];
  const pred = [1, 2, 4, 4, 3, 5, 7, 1];
  const m = confusionMatrix(truth, pred);
  assert.equal(m[0][0], 1);
  assert.equal(m[0][1], 1);
  assert.equal(m[6][0], 1);
  assert.equal(accuracy(m), 3 / 8);
  assert.equal(accuracyWithin1(m), 6 / 8);
  const r = perClassRecall(m);
  assert.equal(r[0], 0.5);
  assert.equal(r[1], 0);
  assert.equal(r[3], 1 / 3);
  assert.ok(Number.isNaN(r[4]));
  assert.equal(r[6], 0.5);
});
