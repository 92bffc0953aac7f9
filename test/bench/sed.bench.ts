/**
 * `npm run bench:sed`: the detection path's speed and size on one core (ONNX Runtime with one
 * thread; TF.js wasm is single-threaded). Prints: the front end alone (16→32 kHz, EfficientAT
 * log-mel, mn04 on 0.96 s windows every 0.48 s, pitch) and the whole path (front end + both heads
 * + 25 Hz activity, embeddings and events) in × real time per wall second and per CPU second, on a
 * 10-minute signal; the same on a real film excerpt including ffmpeg decoding; how long retraining
 * a head on a 30-minute film's cached tagger features takes; and the shipped model files' sizes.
 * First, the detector networks alone on TF.js and on ONNX Runtime, pass for pass on the batches
 * Analyze runs, interleaved (the figures that decide sed/onnx's ONNX_FASTER); the whole path is
 * timed on both too. Uses the shipped heads when present, else freshly initialised ones (same speed).
 * Asserts nothing.
 */
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../../src-main/ml/backend.js';
import { defaultModelDir, detectFile, GROUPS, SoundEventDetector, type DetectorRuntime } from '../../src-main/sed/detector.js';
import { inputShape, predictBatch } from '../../src-main/sed/inference.js';
import { Cbrnn } from '../../src-main/sed/model/cbrnn.js';
import { defaultConfig } from '../../src-main/sed/model/config.js';
import { openDetectorOnnx } from '../../src-main/sed/onnx/detector-onnx.js';
import { Rng } from '../../src-main/util/random.js';
import { defaultHeadConfig } from '../../src-main/sed/head/config.js';
import { TaggerHead } from '../../src-main/sed/head/head-model.js';
import { retrainHead } from '../../src-main/sed/head/recordings.js';
import { loadModel, saveModel, type DetectorNet } from '../../src-main/sed/model/model-io.js';
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

/** Median of a list of figures. */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Milliseconds per forward pass of `net` on TF.js and on ONNX Runtime, at `n` windows of `steps`
 * steps: rounds alternate which runs first, and each figure is the median over the rounds.
 */
async function passTimes(net: DetectorNet, n: number, steps: number): Promise<{ tfjs: number; onnx: number }> {
  const { width, framesPerStep } = inputShape(net);
  const frames = steps * framesPerStep;
  const x = Float32Array.from({ length: n * frames * width }, () => rng.normal());
  const onnx = await openDetectorOnnx(net);
  const runs = {
    tfjs: async () => void predictBatch(net, x, n, frames),
    onnx: async () => void (await onnx.compute(x, n, frames)),
  };
  const perPass = async (run: () => Promise<void>, reps: number) => {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) await run();
    return (performance.now() - t0) / reps;
  };
  // Warm both (TF.js's first passes at a shape run slower), then size the repetitions to about 0.2 s of the slower one.
  const warm = Math.max(await perPass(runs.tfjs, 10), await perPass(runs.onnx, 10));
  const reps = Math.max(3, Math.round(200 / warm));
  const times = { tfjs: [] as number[], onnx: [] as number[] };
  for (let round = 0; round < 7; round++) {
    const order = round % 2 === 0 ? (['tfjs', 'onnx'] as const) : (['onnx', 'tfjs'] as const);
    for (const k of order) times[k].push(await perPass(runs[k], reps));
  }
  await onnx.release();
  return { tfjs: median(times.tfjs), onnx: median(times.onnx) };
}

// Analyze streams: one chunk's window becomes ready at a time (a head's 64 steps + 2 × 8 of context,
// a CBRNN's 500 + 2 × 50), and a stream ends on a shorter tail; whole-array calls (comparing models,
// a retrain's scoring) batch 8 head windows.
const cbrnn = Cbrnn.create(defaultConfig('verbal'), 1);
const nets: Array<[string, DetectorNet, Array<[number, number]>]> = [
  ...(await Promise.all(GROUPS.map(async (g) => [`${g} head`, (await loadModel(dirs[g])).model, [[1, 80], [2, 45], [8, 80]]] as [string, DetectorNet, Array<[number, number]>]))),
  ['CBRNN (paper size, untrained)', cbrnn, [[1, 600], [2, 350]]],
];
console.log('detector networks alone, one thread, TF.js wasm against ONNX Runtime (median of 7 interleaved rounds):');
for (const [name, net, cases] of nets) {
  for (const [n, steps] of cases) {
    const t = await passTimes(net, n, steps);
    const rateOf = (ms: number) => `${ms.toFixed(2)} ms (${Math.round((n * steps) / (ms / 1000)).toLocaleString('en')} steps/s)`;
    console.log(`  ${name}, ${n} × ${steps} steps: TF.js ${rateOf(t.tfjs)}, ORT ${rateOf(t.onnx)}; ORT ${(t.tfjs / t.onnx).toFixed(2)}× as fast`);
  }
  net.dispose();
}
console.log(`  (load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);

const tagger = await AudioTagger.load();
const front = await timed(async () => {
  const s = new TaggerStream(tagger);
  for (let at = 0; at < pcm.length; at += 16000 * 30) await s.push(pcm.subarray(at, at + 16000 * 30));
  await s.finish();
});
console.log(`front end (upsampling, EfficientAT log-mel, mn04, pitch): ${rate(front)}`);
await tagger.release();

const detectors = Object.fromEntries(await Promise.all((['tfjs', 'auto'] as DetectorRuntime[]).map(async (r) => [r, await SoundEventDetector.load(dirs, { runtime: r })]))) as Record<'tfjs' | 'auto', SoundEventDetector>;
const detector = detectors.auto;
for (const runtime of ['tfjs', 'auto', 'tfjs', 'auto'] as const) {
  let events = 0;
  const full = await timed(async () => {
    const session = detectors[runtime].session();
    for (let at = 0; at < pcm.length; at += 16000 * 30) await session.push(pcm.subarray(at, at + 16000 * 30));
    await session.finish();
    events = session.events().length;
  });
  const heads = Object.values(detectors[runtime].runtimes).join(' / ');
  console.log(`whole detection path (front end + both heads on ${heads} + events): ${rate(full)}; a 2-hour film ≈ ${((7200 / seconds) * full.wall).toFixed(0)} s; ${events} events`);
}
detectors.tfjs.dispose();

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
