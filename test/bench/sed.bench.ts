/**
 * `npm run bench:sed`: sound event detection speed and size, on one core (wasm is single-threaded).
 * Prints: front-end and full inference speed (× real time: log-mel + both detectors, 25 Hz activity,
 * embeddings and events) on a 10-minute synthetic signal, the same on a real film excerpt including
 * ffmpeg decoding, training throughput (examples/s and audio seconds/s at the default step size),
 * and the shipped model folders' sizes. Uses the shipped models when present, otherwise freshly
 * initialised ones of the same architecture (same speed). Asserts nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../../src-main/ml/backend.js';
import { defaultModelDir, detectFile, GROUPS, SoundEventDetector } from '../../src-main/sed/detector.js';
import { logMel } from '../../src-main/sed/frontend/log-mel.js';
import { Rng } from '../../src-main/sed/data/rng.js';
import { Cbrnn } from '../../src-main/sed/model/cbrnn.js';
import { defaultConfig } from '../../src-main/sed/model/config.js';
import { saveModel } from '../../src-main/sed/model/model-io.js';
import { DEFAULT_POSTPROCESS } from '../../src-main/sed/postprocess.js';
import type { Batch, BatchSource } from '../../src-main/sed/training/batches.js';
import { DEFAULT_TRAIN_SETTINGS } from '../../src-main/sed/training/defaults.js';
import { trainDetector } from '../../src-main/sed/training/train.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const backend = await initBackend();
console.log(`backend: ${backend} (one thread)\n`);

// Models: shipped, or stand-ins with the default architecture.
const scratch = mkdtempSync(path.join(tmpdir(), 'sed-bench-'));
const dirs = Object.fromEntries(
  await Promise.all(
    GROUPS.map(async (g) => {
      if (existsSync(path.join(defaultModelDir(g), 'model.json'))) return [g, defaultModelDir(g)];
      const model = Cbrnn.create(defaultConfig(g), 1);
      const dir = path.join(scratch, g);
      await saveModel(dir, model, { postprocess: model.config.classes.map(() => DEFAULT_POSTPROCESS), training: null, validation: null });
      model.dispose();
      console.log(`(no shipped ${g} model: timing an untrained one of the same architecture)`);
      return [g, dir];
    }),
  ),
) as Record<'verbal' | 'nonverbal', string>;

// A 10-minute signal: noise with tones and bursts, so activity is not all zeros.
const seconds = 600;
const rng = new Rng(7);
const pcm = new Float32Array(16000 * seconds);
for (let i = 0; i < pcm.length; i++) pcm[i] = 0.02 * rng.normal() + (Math.floor(i / 24000) % 3 === 0 ? 0.2 * Math.sin(i * 0.07 + Math.sin(i * 0.0003) * 20) : 0);

let t0 = performance.now();
logMel(pcm);
const frontS = (performance.now() - t0) / 1000;
console.log(`front end (64-band log-mel, 10 ms hop): ${(seconds / frontS).toFixed(0)}× real time`);

const detector = await SoundEventDetector.load(dirs);
const session = detector.session();
t0 = performance.now();
for (let at = 0; at < pcm.length; at += 16000 * 30) session.push(pcm.subarray(at, at + 16000 * 30));
session.finish();
const events = session.events();
const fullS = (performance.now() - t0) / 1000;
console.log(`inference, front end + both detectors + events: ${(seconds / fullS).toFixed(0)}× real time (${fullS.toFixed(1)} s for ${seconds / 60} min; a 2-hour film ≈ ${((7200 / seconds) * fullS).toFixed(0)} s), ${events.length} events`);

const film = path.resolve(repo, '..', 'shared', 'data', 'video', 'big_buck_bunny_0_30.webm');
if (existsSync(film)) {
  t0 = performance.now();
  const r = await detectFile(film, { detector });
  const s = (performance.now() - t0) / 1000;
  console.log(`real file incl. ffmpeg decoding (${path.basename(film)}, ${r.durationS.toFixed(1)} s): ${(r.durationS / s).toFixed(0)}× real time`);
}
detector.dispose();

// Training throughput on random batches at the default step size (no data synthesis cost).
class RandomBatches implements BatchSource {
  next(n: number, frames: number, r: Rng): Batch {
    const x = Float32Array.from({ length: n * frames * 64 }, () => -8 + 3 * r.normal());
    const y = Float32Array.from({ length: (n * frames) / 4 * 4 }, () => (r.next() < 0.15 ? 1 : 0));
    return { n, frames, x, y };
  }
}
const steps = 8;
const trained = await trainDetector({ group: 'verbal', seed: 1, batches: new RandomBatches(), validation: [], ...DEFAULT_TRAIN_SETTINGS, stepsPerEpoch: steps, maxEpochs: 1 });
const st = trained.stats;
console.log(
  `training: ${st.examplesPerS.toFixed(1)} examples/s of ${st.exampleSeconds} s (batch ${DEFAULT_TRAIN_SETTINGS.batchSize}) = ${st.audioSecondsPerS.toFixed(0)} audio s/s per core, over ${steps} steps`,
);
console.log(`parameters per detector: ${trained.model.parameterCount.toLocaleString('en')}`);
trained.model.dispose();

for (const g of GROUPS) {
  const dir = dirs[g];
  const files = readdirSync(dir).map((f) => [f, statSync(path.join(dir, f)).size] as const);
  console.log(`model ${g}: ${files.map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KiB`).join(', ')}; total ${(files.reduce((a, [, b]) => a + b, 0) / 1024).toFixed(1)} KiB`);
}
rmSync(scratch, { recursive: true, force: true });
console.log(`\nload average now: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine slows every figure)`);
