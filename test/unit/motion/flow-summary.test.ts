import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MOVING_THRESHOLD, orientationBin, summarizeFlow } from '../../../src-main/motion/flow-summary.js';

const W = 100;
const H = 60;
const FPS = 25;
/** 1 px per frame at W = 100 px and 25 fps is 25 % of the width per second. */
const PX = (100 * FPS) / W;
const geometry = { width: W, height: H, fps: FPS };

/** An interleaved flow field from a function of the pixel position (image axes, px per frame). */
function field(f: (x: number, y: number) => [number, number]): Float32Array {
  const out = new Float32Array(2 * W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) [out[2 * (y * W + x)], out[2 * (y * W + x) + 1]] = f(x, y);
  return out;
}

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b} (±${tol})`);

test('orientation bins: centred on multiples of 45°, viewer axes (y up)', () => {
  assert.equal(orientationBin(1, 0), 0);
  assert.equal(orientationBin(1, 1), 1);
  assert.equal(orientationBin(0, 1), 2);
  assert.equal(orientationBin(-1, 0), 4);
  assert.equal(orientationBin(0, -1), 6);
  assert.equal(orientationBin(1, -0.3), 0); // −17°: still "right"
  assert.equal(orientationBin(1, -0.5), 7); // −27°
});

test('a pure translation fills one direction bin, and the camera motion equals the shift', () => {
  const s = summarizeFlow(field(() => [2, 0]), geometry);
  close(s.orientation[0], 2 * PX);
  for (let k = 1; k < 8; k++) assert.equal(s.orientation[k], 0);
  close(s.tx, 2 * PX);
  close(s.ty, 0);
  close(s.zoom, 0);
  close(s.rotation, 0);
  for (const r of s.residualOrientation) close(r, 0);
  assert.equal(s.movingFraction, 0);
  close(s.speedMedian, 2 * PX);
  close(s.speedP90, 2 * PX);
  close(s.speedSum / s.pixels, 2 * PX);

  // Image rows run down: +1 px in y is downward motion, bin 6, negative ty.
  const down = summarizeFlow(field(() => [0, 1]), geometry);
  close(down.orientation[6], PX);
  close(down.ty, -PX);
});

test('a zoom about the centre is a zoom rate, not a translation', () => {
  const a = 0.02; // px per px per frame: the picture grows 2 % a frame
  const cx = (W - 1) / 2;
  const cy = (H - 1) / 2;
  const s = summarizeFlow(field((x, y) => [a * (x - cx), a * (y - cy)]), geometry);
  close(s.zoom, a * FPS, 1e-4);
  close(s.rotation, 0, 1e-4);
  close(s.tx, 0, 1e-4);
  close(s.ty, 0, 1e-4);
  // The camera model explains all of it: nothing moves on its own.
  assert.ok(s.residualOrientation.every((r) => Math.abs(r) < 1e-3));
  // Every direction is present in the raw flow.
  assert.ok(s.orientation.every((r) => r > 0));
});

test('an anticlockwise rotation (as the viewer sees it) is a positive rotation rate', () => {
  const w = 0.01; // radians per frame
  const cx = (W - 1) / 2;
  const cy = (H - 1) / 2;
  // Viewer axes: (X, Y) = (x − cx, cy − y); anticlockwise velocity (−wY, wX), back to image axes (dy = −dY).
  const s = summarizeFlow(field((x, y) => [-w * (cy - y), -w * (x - cx)]), geometry);
  close(s.rotation, w * FPS, 1e-4);
  close(s.zoom, 0, 1e-4);
});

test('an object moving over a still background: no camera motion, the object is in the residual', () => {
  // A 20 × 30 block (10 % of the picture) moving left 3 px per frame.
  const inBlock = (x: number, y: number) => x >= 40 && x < 60 && y >= 15 && y < 45;
  const s = summarizeFlow(field((x, y) => (inBlock(x, y) ? [-3, 0] : [0, 0])), geometry);
  close(s.tx, 0);
  close(s.ty, 0);
  close(s.movingFraction, 0.1);
  assert.ok(3 * PX > MOVING_THRESHOLD);
  close(s.residualOrientation[4], 0.1 * 3 * PX, 1e-4);
  close(s.orientation[4], 0.1 * 3 * PX);
  close(s.speedMedian, 0);
  // Rank 0.9·(n−1) falls a tenth of the way from the last still pixel to the first moving one.
  close(s.speedP90, 0.1 * 3 * PX, 1e-4);
});
