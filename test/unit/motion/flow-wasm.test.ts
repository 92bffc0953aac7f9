import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodeVideo } from '../../../src-main/media/decode-video.js';
import { coarserLevels, FarnebackFlow } from '../../../src-main/motion/farneback.js';
import { choleskyInverse, cvRound, gaussianTaps } from '../../../src-main/motion/flow-wasm/constants.js';
import { MOTION_DEFAULTS } from '../../../src-main/motion/motion-settings.js';
import { makeClip, tempDir } from '../../helpers/media.js';
import { loadOpenCv, OpenCvFarneback } from './opencv-reference.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const videoDir = path.join(repoRoot, '..', 'shared', 'data', 'video');
const params = MOTION_DEFAULTS.farneback;

async function greyFrames(file: string, width: number, height: number): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  const pixels = width * height;
  await decodeVideo(file, {
    pictures: [{ width, height, format: 'gray', fps: 25, chunkFrames: 250, onFrames: (f, n) => { for (let i = 0; i < n; i++) frames.push(f.slice(i * pixels, (i + 1) * pixels)); } }],
  });
  return frames;
}

/** Largest |wasm − OpenCV.js| over all flows of consecutive frames, and the largest |flow|. */
async function compare(frames: Uint8Array[], width: number, height: number) {
  const { cv } = await loadOpenCv();
  const ours = new FarnebackFlow(width, height, params);
  const theirs = new OpenCvFarneback(cv, width, height, params);
  ours.reset(frames[0]);
  theirs.reset(frames[0]);
  let diff = 0;
  let scale = 0;
  for (const frame of frames.slice(1)) {
    const a = ours.step(frame);
    const b = theirs.step(frame);
    for (let i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
  }
  theirs.dispose();
  return { diff, scale };
}

function assertSame({ diff, scale }: { diff: number; scale: number }, what: string) {
  assert.ok(scale > 0.5, `${what}: the clip should move (max |flow| ${scale})`);
  // Bit for bit: the .as files redo OpenCV's arithmetic in its order and types.
  assert.equal(diff, 0, `${what}: max |wasm − OpenCV.js| ${diff} px, flows up to ${scale} px`);
}

test('wasm flows equal OpenCV.js on a made clip, for pyramids of 1 to 4 levels, odd sizes and tiny frames', async () => {
  const clip = makeClip(tempDir(), { seconds: 1, audio: false });
  // 128×96: 2 levels as at the default width; 128×228 (portrait) and 201×151 (odd sizes, the
  // coarsest resized rather than halved): 3; 300×300: 4 (a 19-tap blur); 45×34 and 9×12: 1.
  for (const [width, height, levels] of [[128, 96, 2], [128, 228, 3], [201, 151, 3], [300, 300, 4], [45, 34, 1], [9, 12, 1]]) {
    assert.equal(coarserLevels(width, height, params) + 1, levels);
    assertSame(await compare(await greyFrames(clip, width, height), width, height), `${width}×${height}`);
  }
});

for (const name of ['big_buck_bunny_0_30.webm', 'movie-hello.mp4']) {
  const file = path.join(videoDir, name);
  test(`wasm flows equal OpenCV.js on ${name} at 128×72`, { skip: !existsSync(file) && `${file} is missing` }, async () => {
    assertSame(await compare(await greyFrames(file, 128, 72), 128, 72), name);
  });
}

test('cvRound rounds halves to even; gaussianTaps are normalised, centre first', () => {
  assert.deepEqual([0.5, 1.5, 2.5, 7.5, 17.5, 32.5, 2.4, 2.6].map(cvRound), [0, 2, 2, 8, 18, 32, 2, 3]);
  for (const [n, sigma] of [[3, 0.5], [9, 1.5], [19, 3.5]]) {
    const taps = gaussianTaps(n, sigma);
    assert.equal(taps.length, (n + 1) / 2);
    assert.ok(Math.abs(taps.reduce((s, t, i) => s + (i ? 2 : 1) * t, 0) - 1) < 1e-6);
    for (let i = 1; i < taps.length; i++) assert.ok(taps[i] < taps[i - 1]);
  }
  assert.deepEqual([...gaussianTaps(3, 0)], [0.5, 0.25]);
});

test('choleskyInverse inverts a symmetric positive-definite matrix', () => {
  const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
  const inv = choleskyInverse(a, 3);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += a[i * 3 + k] * inv[k * 3 + j];
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-12, `(A·A⁻¹)[${i}][${j}] = ${s}`);
    }
  }
  assert.throws(() => choleskyInverse(Float64Array.from([1, 2, 2, 1]), 2), /not positive definite/);
});

const hasAsc = existsSync(path.join(repoRoot, 'node_modules', 'assemblyscript'));

test('the committed farneback-wasm.ts is what the .as sources compile to', { skip: !hasAsc && 'assemblyscript is not installed' }, async () => {
  const script = pathToFileURL(path.join(repoRoot, 'scripts', 'build-flow-wasm.mjs')).href;
  const { flowWasmModule } = (await import(script)) as { flowWasmModule(): Promise<string> };
  const committed = readFileSync(path.join(repoRoot, 'src-main', 'motion', 'flow-wasm', 'farneback-wasm.ts'), 'utf8');
  assert.equal(await flowWasmModule(), committed, 'stale: run node scripts/build-flow-wasm.mjs');
});
