/**
 * `npm run bench:backbone`: the bundled visual backbone (CenterNet's MobileNetV3) on TF.js (the
 * project's backend, wasm by default, single-threaded) against ONNX Runtime (converted in memory,
 * one thread), the figures behind load-backbone.ts running it on ONNX Runtime. Frames go in as
 * Analyze hands them over: 10-frame chunks (10 s at the default 1 frame/s), embedded 8 frames per
 * call. The two runtimes alternate round by round, so a busy machine slows both alike. Prints
 * frames per CPU second and per wall second for each, their ratio, the load average, and how long
 * each takes to load. Frames are decoded from ../shared/data/video/big_buck_bunny_0_30.webm when
 * present, else from a generated test clip. Asserts nothing.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeVideo } from '../../src-main/media/decode-video.js';
import { initBackend } from '../../src-main/ml/backend.js';
import type { Backbone } from '../../src-main/visual/backbone.js';
import { loadConvertedBackbone } from '../../src-main/visual/onnx/converted-backbone.js';
import { BUNDLED_BACKBONE, INPUT_SIZE, loadTfjsBackbone } from '../../src-main/visual/tfjs-backbone.js';
import { makeClip, tempDir } from '../helpers/media.js';

const ROUNDS = 6;
const CHUNK = 10;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bunny = path.join(repo, '..', 'shared', 'data', 'video', 'big_buck_bunny_0_30.webm');
const source = existsSync(bunny) ? bunny : makeClip(tempDir('backbone-bench-'), { seconds: 30, audio: false });

const chunks: Uint8Array[] = [];
await decodeVideo(source, {
  pictures: [{ width: INPUT_SIZE, height: INPUT_SIZE, format: 'rgb24', fps: 1, chunkFrames: CHUNK, onFrames: (f, n) => void (n === CHUNK && chunks.push(f.slice())) }],
});
const frames = chunks.length * CHUNK;

const backend = await initBackend();
const load = async (label: string, open: () => Promise<Backbone>) => {
  const t0 = performance.now();
  const backbone = await open();
  return { label, backbone, loadMs: performance.now() - t0, cpu: 0, wall: 0 };
};
const runs = [
  await load(`TF.js ${backend}`, () => loadTfjsBackbone(BUNDLED_BACKBONE)),
  await load('ONNX Runtime', () => loadConvertedBackbone(BUNDLED_BACKBONE)),
];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${frames} frames of ${path.basename(source)} at 1 frame/s, ${ROUNDS} rounds, runtimes alternating`);
for (const r of runs) console.log(`${r.label.padEnd(14)} loaded in ${r.loadMs.toFixed(0)} ms`);

for (const r of runs) for (const chunk of chunks.slice(0, 2)) await r.backbone.embed(chunk, CHUNK); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const r of round % 2 ? [...runs].reverse() : runs) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (const chunk of chunks) await r.backbone.embed(chunk, CHUNK);
    r.wall += (performance.now() - t0) / 1000;
    const used = process.cpuUsage(cpu);
    r.cpu += (used.user + used.system) / 1e6;
  }
}

const total = frames * ROUNDS;
for (const r of runs) {
  console.log(`${r.label.padEnd(14)} ${(total / r.cpu).toFixed(1).padStart(6)} frames/CPU-s  ${(total / r.wall).toFixed(1).padStart(6)} frames/s wall  (${((1000 * r.cpu) / total).toFixed(1)} CPU-ms a frame)`);
  r.backbone.dispose();
}
const [tfjs, onnx] = runs;
console.log(`ONNX Runtime / TF.js: ×${(tfjs.cpu / onnx.cpu).toFixed(2)} per CPU second, ×${(tfjs.wall / onnx.wall).toFixed(2)} wall`);
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
