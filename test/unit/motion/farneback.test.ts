import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FarnebackFlow } from '../../../src-main/motion/farneback.js';
import { MOTION_DEFAULTS } from '../../../src-main/motion/motion-settings.js';

const W = 64;
const H = 36;
const params = MOTION_DEFAULTS.farneback;
const centre = 2 * ((H / 2) * W + W / 2);

/** A smooth textured wall shifted left by `shift` px. */
function wall(shift: number): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = 128 + 50 * Math.sin((x + shift) / 5) * Math.cos(y / 4) + 30 * Math.sin((x + shift + 2 * y) / 9);
  return out;
}

test('step hands back the flow in place, without a copy per frame pair, and it is the pan', () => {
  const flow = new FarnebackFlow(W, H, params);
  flow.reset(wall(0));
  const first = flow.step(wall(1));
  assert.equal(first.length, 2 * W * H);
  // Interior pixels (borders are poorly constrained) move 1 px left.
  assert.ok(Math.abs(first[centre] + 1) < 0.1, `dx ${first[centre]}`);
  assert.ok(Math.abs(first[centre + 1]) < 0.1, `dy ${first[centre + 1]}`);
  const kept = first.slice();
  const second = flow.step(wall(3));
  // The same memory, now holding the next pair's flow (2 px left).
  assert.equal(second.buffer, first.buffer);
  assert.equal(second.byteOffset, first.byteOffset);
  assert.ok(Math.abs(second[centre] + 2) < 0.2, `dx ${second[centre]}`);
  assert.notDeepEqual(kept, second);
});

test('a grey frame of the wrong size is refused with nothing changed', () => {
  const flow = new FarnebackFlow(W, H, params);
  flow.reset(wall(0));
  assert.throws(() => flow.step(new Uint8Array(W * H - 1)), /grey frame has 2303 bytes, expected 2304/);
  // The refused frame did not become the previous one.
  const f = flow.step(wall(1));
  assert.ok(Math.abs(f[centre] + 1) < 0.1, `dx ${f[centre]}`);
});

test('settings and sizes the wasm build does not reproduce are refused in one line', () => {
  assert.throws(() => new FarnebackFlow(128, 72, { ...params, pyrScale: 0.6 }), /supports pyrScale 0.5 only, got 0.6/);
  assert.throws(() => new FarnebackFlow(1, 8, params), /at least 2×2 px, got 1×8/);
  // Without a pyramid (frames under 64 px, or levels 0) pyrScale plays no part.
  assert.doesNotThrow(() => new FarnebackFlow(60, 40, { ...params, pyrScale: 0.6 }));
  assert.doesNotThrow(() => new FarnebackFlow(128, 72, { ...params, pyrScale: 0.6, levels: 0 }));
});
