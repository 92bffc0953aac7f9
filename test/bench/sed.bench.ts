/**
 * `npm run bench:sed`: the detection path's speed and size on one core (ONNX Runtime with one
 * thread; TF.js wasm is single-threaded). Prints: the front end alone (16→32 kHz, EfficientAT
 * log-mel, mn04 on 0.96 s windows every 0.48 s, pitch) and the whole path (front end + both heads
 * + 25 Hz activity, embeddings and events) in × real time per wall second and per CPU second, on a
 * 10-minute signal; the same on a real film excerpt including ffmpeg decoding; how long retraining
 * a head on a 30-minute film's cached tagger features takes; and the shipped model files' sizes.
 * Uses the shipped heads when present, else freshly initialised ones (same speed). Asserts nothing.
 */
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../../src-main/ml/backend.js';
import { defaultModelDir, detectFile, GROUPS, SoundEventDetector } from '../../src-main/sed/detector.js';
import { Rng } from '../../src-main/util/random.js';
import { defaultHeadConfig } from '../../src-main/sed/head/config.js';
import { TaggerHead } from '../../src-main/sed/head/head-model.js';
import { retrainHead } from '../../src-main/sed/head/recordings.js';
import { saveModel } from '../../src-main/sed/model/model-io.js';
import { DEFAULT_POSTPROCESS } from '../../src-main/sed/postprocess.js';
import { AudioTagger, TaggerStream, TAGGER_DIMS, TAGGER_STEP_S, defaultTaggerDir } from '../../src-main/sed/tagger/tagger.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const backend = await initBackend();
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(1)}; TF.js ${backend}, ONNX Runtime 1 thread\n`);

const scratch = mkdtempSync(path.join(tmpdir(), 'sed-bench-'));
const dirs = Object.fromEntries(
  await Promise.all(
    GROUPS.map(async (g) => {
      if (existsSync(path.join(defaultModelDir(g), 'model.json'))) return [g, defaultModelDir(g)];
      const model = TaggerHead.create(defaultHeadConfig(g), 1);
      const dir = path.join(scratch, g);
      await saveModel(dir, model, { postprocess: model.config.classes.map(() => DEFAULT_POSTPROCESS), training: null, validation: null });
      model.dispose();
      console.log(`(no shipped ${g} model: timing an untrained head)`);
      return [g, dir];
    }),
  ),
) as Record<'verbal' | 'nonverbal', string>;

const seconds = 600;
const rng = new Rng(7);
const pcm = new Float32Array(16000 * seconds);
for (let i = 0; i < pcm.length; i++) pcm[i] = 0.02 * rng.normal() + (Math.floor(i / 24000) % 3 === 0 ? 0.2 * Math.sin(i * 0.07 + Math.sin(i * 0.0003) * 20) : 0);

async function timed(run: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}
const rate = (t: { wall: number; cpu: number }, s = seconds) => `${(s / t.wall).toFixed(0)}× real time per wall second, ${(s / t.cpu).toFixed(0)}× per CPU second`;

const tagger = await AudioTagger.load();
const front = await timed(async () => {
  const s = new TaggerStream(tagger);
  for (let at = 0; at < pcm.length; at += 16000 * 30) await s.push(pcm.subarray(at, at + 16000 * 30));
  await s.finish();
});
console.log(`front end (upsampling, EfficientAT log-mel, mn04, pitch): ${rate(front)}`);
await tagger.release();

const detector = await SoundEventDetector.load(dirs);
let events = 0;
const full = await timed(async () => {
  const session = detector.session();
  for (let at = 0; at < pcm.length; at += 16000 * 30) await session.push(pcm.subarray(at, at + 16000 * 30));
  await session.finish();
  events = session.events().length;
});
console.log(`whole detection path (front end + both heads + events): ${rate(full)}; a 2-hour film ≈ ${((7200 / seconds) * full.wall).toFixed(0)} s; ${events} events`);

const film = path.resolve(repo, '..', 'shared', 'data', 'video', 'big_buck_bunny_0_30.webm');
if (existsSync(film)) {
  let duration = 0;
  const t = await timed(async () => {
    duration = (await detectFile(film, { detector })).durationS;
  });
  console.log(`real file incl. ffmpeg decoding (${path.basename(film)}, ${duration.toFixed(1)} s): ${rate(t, duration)} (this process's CPU only)`);
}
detector.dispose();

// Retraining a head on a 30-minute film's cached features (random here: the cost does not depend on them).
const steps = Math.round(1800 / TAGGER_STEP_S);
const features = Float32Array.from({ length: steps * TAGGER_DIMS }, () => rng.normal());
const events30 = Array.from({ length: 120 }, (_, i) => ({ label: 'laughter' as const, onset: i * 15, offset: i * 15 + 3 }));
const init = TaggerHead.create(defaultHeadConfig('nonverbal'), 1);
const retrain = await timed(async () => {
  const r = await retrainHead({ group: 'nonverbal', recordings: [{ name: 'film', features, events: events30, durationS: 1800 }], init: { model: init, postprocess: init.config.classes.map(() => DEFAULT_POSTPROCESS) } });
  r.model.dispose();
});
init.dispose();
console.log(`retraining a head on a 30-minute film's cached tagger features (8 epochs, scored before/after): ${retrain.wall.toFixed(1)} s`);

const size = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
const onnx = ['mn04_as.onnx', 'mn04_as.onnx.data'].reduce((n, f) => n + statSync(path.join(defaultTaggerDir(), f)).size, 0);
const heads = GROUPS.map((g) => size(dirs[g]));
console.log(`model files: tagger ${(onnx / 1e6).toFixed(2)} MB + heads ${heads.map((b) => `${(b / 1e3).toFixed(0)} kB`).join(' + ')} = ${((onnx + heads[0] + heads[1]) / 1e6).toFixed(2)} MB`);
