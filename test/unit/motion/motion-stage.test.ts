import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MOTION_DIMS, MOTION_NAMES } from '../../../src-main/motion/motion-descriptor.js';
import { createMotionStage } from '../../../src-main/motion/motion-stage.js';
import { motionFrameSize } from '../../../src-main/motion/motion-settings.js';

const W = 96;
const H = 54;
const PX = (100 * 25) / W;
const col = (name: string) => MOTION_NAMES.indexOf(name);

/** A camera panning over a smooth textured wall: frame i shows the wall shifted left by i·speed px. */
function panFrames(count: number, speed: number): Uint8Array {
  const out = new Uint8Array(count * W * H);
  for (let i = 0; i < count; i++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const X = x + i * speed;
        out[i * W * H + y * W + x] = 128 + 50 * Math.sin(X / 6) * Math.cos(y / 5) + 30 * Math.sin((X + 2 * y) / 11);
      }
    }
  }
  return out;
}

async function run(frames: Uint8Array, count: number, chunk: number, startFrame = 0) {
  const rows: { first: number; data: Float32Array }[] = [];
  const stage = await createMotionStage({ width: W, height: H, startFrame, onRows: (first, data) => rows.push({ first, data: data.slice() }) });
  for (let at = 0; at < count; at += chunk) {
    const n = Math.min(chunk, count - at);
    stage.push(frames.subarray(at * W * H, (at + n) * W * H), n);
  }
  return { total: stage.finish(), rows };
}

test('Farneback on a panning wall: one row per whole 400 ms window, camera motion ≈ the pan', async () => {
  const frames = panFrames(16, 1);
  const { total, rows } = await run(frames, 16, 16, 100);
  assert.equal(total, 6); // frames 0…15: windows start at frames 0…5
  assert.equal(rows.length, 1);
  assert.equal(rows[0].first, 100);
  const d = rows[0].data.subarray(0, MOTION_DIMS);
  // The wall moves left 1 px a frame.
  assert.ok(Math.abs(d[col('camera_tx')] + PX) < 0.1 * PX, `camera_tx ${d[col('camera_tx')]} vs ${-PX}`);
  assert.ok(Math.abs(d[col('camera_ty')]) < 0.1 * PX);
  assert.ok(d[col('flow_dir_180')] > 0.8 * PX);
  assert.ok(d[col('cut_histogram')] < 0.1);
});

test('chunking does not change the rows; under 400 ms of picture gives none', async () => {
  const frames = panFrames(14, 0.5);
  const whole = await run(frames, 14, 14);
  const pieces = await run(frames, 14, 3);
  assert.equal(pieces.total, whole.total);
  assert.deepEqual(pieces.rows.map((r) => r.first), [0, 2]); // rows complete with frames 10, 11 | 12, 13
  assert.deepEqual(
    Float32Array.from(pieces.rows.flatMap((r) => [...r.data])),
    whole.rows[0].data,
  );
  const short = await run(panFrames(10, 1), 10, 10);
  assert.equal(short.total, 0);
  assert.equal(short.rows.length, 0);
});

test('grey frame size keeps the aspect ratio with an even height', () => {
  assert.deepEqual(motionFrameSize(1280, 720, 128), { width: 128, height: 72 });
  assert.deepEqual(motionFrameSize(1920, 800, 128), { width: 128, height: 54 });
  assert.deepEqual(motionFrameSize(0, 0, 128), { width: 128, height: 72 });
});
