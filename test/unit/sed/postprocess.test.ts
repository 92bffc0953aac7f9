/** Post-processing on hand-made activity curves at 25 Hz. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityToEvents, medianFilter, type ClassPostprocess } from '../../../src-main/sed/postprocess.js';

const plain: ClassPostprocess = { threshold: 0.5, medianFrames: 1, minDurationS: 0, minGapS: 0 };

test('median filter removes a one-frame spike and fills a one-frame hole', () => {
  assert.deepEqual(Array.from(medianFilter(Float32Array.from([0, 0, 1, 0, 0]), 3)), [0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(medianFilter(Float32Array.from([1, 1, 0, 1, 1]), 3)), [1, 1, 1, 1, 1]);
});

test('thresholded runs become events with frame-edge times and mean confidence', () => {
  // Two classes interleaved; class b is active in frames 2–4 (0.08–0.20 s).
  const act = Float32Array.from([0, 0, 0, 0, 0, 0.6, 0, 0.8, 0, 1.0, 0, 0]);
  const ev = activityToEvents(act, ['a', 'b'], 25, [plain, plain]);
  assert.equal(ev.length, 1);
  assert.equal(ev[0].label, 'b');
  assert.ok(Math.abs(ev[0].onset - 0.08) < 1e-9 && Math.abs(ev[0].offset - 0.2) < 1e-9);
  assert.ok(Math.abs(ev[0].confidence - 0.8) < 1e-6);
});

test('short gaps are closed and short events dropped', () => {
  // Runs: frames 0–4, gap 5–6 (80 ms), 7–11, gap 12–24 (0.52 s), blip 25.
  const col = new Float32Array(30);
  for (const f of [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 25]) col[f] = 0.9;
  const ev = activityToEvents(col, ['a'], 25, [{ threshold: 0.5, medianFrames: 1, minDurationS: 0.1, minGapS: 0.1 }]);
  assert.deepEqual(
    ev.map((e) => [e.onset, e.offset]),
    [[0, 12 / 25]],
  );
});
