import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeFlow } from '../../../src-main/motion/flow-summary.js';
import { histogramDistance, lumaHistogram, meanAbsoluteDifference } from '../../../src-main/motion/frame-change.js';
import { MOTION_DIMS, MOTION_NAMES, motionDescriptor, type PairSummary } from '../../../src-main/motion/motion-descriptor.js';

const W = 64;
const H = 36;
const geometry = { width: W, height: H, fps: 25 };
const PX = (100 * 25) / W;
const col = (name: string) => MOTION_NAMES.indexOf(name);
const close = (a: number, b: number, tol = 1e-5) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b} (±${tol})`);

function uniformFlow(dx: number, dy: number): Float32Array {
  const f = new Float32Array(2 * W * H);
  for (let i = 0; i < W * H; i++) [f[2 * i], f[2 * i + 1]] = [dx, dy];
  return f;
}

/** A smooth texture (a camera looking at a wall), shifted by `shift` px, or a different scene. */
function texture(shift: number, scene = 0): Uint8Array {
  const f = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const X = x + shift;
      f[y * W + x] = scene === 0 ? 128 + 60 * Math.sin(X / 5) * Math.cos(y / 4) : 30 + 20 * Math.cos((X + y) / 3);
    }
  }
  return f;
}

test('names and dims agree', () => {
  assert.equal(MOTION_NAMES.length, MOTION_DIMS);
  assert.equal(new Set(MOTION_NAMES).size, MOTION_DIMS);
});

test('a window of one steady pan: one direction bin, camera motion equal to the pan, no shake', () => {
  const pair: PairSummary = { flow: summarizeFlow(uniformFlow(-1.5, 0), geometry), histogramChange: 0.01, pixelChange: 0.02 };
  const d = motionDescriptor(Array(10).fill(pair));
  close(d[col('flow_dir_180')], 1.5 * PX);
  assert.equal(d[col('flow_dir_000')], 0);
  close(d[col('camera_tx')], -1.5 * PX);
  close(d[col('camera_ty')], 0);
  close(d[col('camera_shake')], 0);
  close(d[col('speed_std')], 0, 1e-3);
  close(d[col('speed_median')], 1.5 * PX);
  for (let k = 0; k < 8; k++) close(d[col('object_dir_000') + k], 0);
});

test('a shaky camera: translations that alternate give shake, and cancel in the mean', () => {
  const left = { flow: summarizeFlow(uniformFlow(-1, 0), geometry), histogramChange: 0, pixelChange: 0 };
  const right = { flow: summarizeFlow(uniformFlow(1, 0), geometry), histogramChange: 0, pixelChange: 0 };
  const d = motionDescriptor([left, right, left, right, left, right, left, right, left, right]);
  close(d[col('camera_tx')], 0);
  close(d[col('camera_shake')], PX);
  // Speed is still there, split between the two directions.
  close(d[col('flow_dir_000')] + d[col('flow_dir_180')], PX);
});

test('frame change: motion barely moves the luma histogram, a cut makes it spike', () => {
  const frames = [texture(0), texture(1), texture(2), texture(3), texture(0, 1), texture(1, 1)];
  const changes = frames.slice(1).map((f, i) => histogramDistance(lumaHistogram(frames[i]), lumaHistogram(f)));
  const cut = changes[3];
  const others = changes.filter((_, i) => i !== 3);
  assert.ok(cut > 0.5, `cut ${cut}`);
  assert.ok(Math.max(...others) < 0.15, `motion ${others}`);
  assert.ok(meanAbsoluteDifference(frames[3], frames[4]) > meanAbsoluteDifference(frames[2], frames[3]));
  assert.equal(histogramDistance(lumaHistogram(frames[0]), lumaHistogram(frames[0])), 0);
  assert.equal(histogramDistance(lumaHistogram(new Uint8Array(10)), lumaHistogram(new Uint8Array(10).fill(255))), 1);
});

test('a cut anywhere in the window sets the cut columns; an empty window is all zeros', () => {
  const still = { flow: summarizeFlow(uniformFlow(0, 0), geometry), histogramChange: 0.02, pixelChange: 0.01 };
  const window = Array(10).fill(still);
  window[7] = { ...still, histogramChange: 0.8, pixelChange: 0.4 };
  const d = motionDescriptor(window);
  close(d[col('cut_histogram')], 0.8);
  close(d[col('cut_difference')], 0.4);
  assert.ok(motionDescriptor([]).every((v) => v === 0));
});
