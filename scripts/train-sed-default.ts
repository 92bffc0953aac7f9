/**
 * `npm run train:sed-default`: rebuilds the shipped detectors, tagger heads over the frozen
 * EfficientAT mn04 (resources/models/efficientat-mn04), reproducibly (seed 1):
 *
 * 1. mines the Debian packages named in scripts/sed-corpus/packages.ts (voices and beds with no
 *    voice; idempotent, skipped when done) into .cache/sed-corpus;
 * 2. builds the tagger-feature sets of scripts/sed-default/sets.ts, one process per core, cached in
 *    .cache/sed-features/<hash of everything they depend on>;
 * 3. trains the verbal and non-verbal heads on the training packages only;
 * 4. scores them on the held-out packages (per class over near-silence and over film-like beds; false
 *    alarms per bed category), writes resources/models/sed-{verbal,nonverbal}, the report
 *    resources/models/sed-training-report.json, the attribution, and prints the tables.
 *
 * The paper's from-scratch CBRNN is trained by `npm run train:sed-cbrnn`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../src-main/ml/backend.js';
import { saveModel } from '../src-main/sed/model/model-io.js';
import { trainHead } from '../src-main/sed/head/train-head.js';
import { TAGGER } from '../src-main/sed/tagger/tagger.js';
import type { EventGroup } from '../src-main/contract/domain.js';
import { hasSet, readSet } from './sed-default/feature-cache.js';
import { falseAlarms, segmentScores, sexConfusion, type Detector } from './sed-default/scores.js';
import { SETS } from './sed-default/sets.js';
import { printReport } from './sed-default/report.js';
import { writeAttribution } from './sed-default/attribution.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const human = path.resolve(repo, '..', 'shared', 'data', 'human-sounds');
const mined = path.join(repo, '.cache', 'sed-corpus');
const models = path.join(repo, 'resources', 'models');
const SHARDS = 2;
const SEED = 1;
const EPOCHS = 14;

if (!existsSync(path.join(human, 'manifest.tsv'))) {
  console.error(`train:sed-default needs the human-sounds corpus at ${human}`);
  process.exit(1);
}
const started = Date.now();
const stamp = () => `[${((Date.now() - started) / 60000).toFixed(1)} min]`;
const run = (args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args[0]} exited with ${code}`))));
  });

if (!process.argv.includes('--no-mine')) {
  console.log(stamp(), 'mining the Debian packages (skips those already done)');
  await run(['scripts/sed-corpus/mine-debian.ts', '--out', mined]);
}

const key = createHash('sha256');
for (const f of ['scripts/sed-default/sets.ts', 'scripts/sed-default/sources.ts', 'scripts/sed-default/build-features.ts', 'scripts/sed-default/soundscapes.ts', 'src-main/sed/data/soundscape.ts', 'src-main/sed/data/backgrounds.ts', 'src-main/sed/tagger/efficientat-mel.ts', 'src-main/sed/tagger/upsample.ts', 'src-main/sed/tagger/pitch-track.ts', 'src-main/sed/tagger/tagger.ts']) key.update(await readFile(path.join(repo, f)));
for (const m of [path.join(human, 'manifest.tsv'), path.join(mined, 'manifest.tsv')]) if (existsSync(m)) key.update(await readFile(m));
key.update(JSON.stringify(TAGGER));
const cache = path.join(repo, '.cache', 'sed-features', key.digest('hex').slice(0, 12));
const names = Object.keys(SETS);
if (!names.every((n) => hasSet(cache, n, SHARDS))) {
  console.log(stamp(), `building tagger features into ${cache} (${SHARDS} processes)`);
  await rm(cache, { recursive: true, force: true });
  await mkdir(cache, { recursive: true });
  await Promise.all(Array.from({ length: SHARDS }, (_, k) => run(['scripts/sed-default/build-features.ts', '--out', cache, '--human', human, '--mined', mined, '--shard', String(k), '--shards', String(SHARDS)])));
} else {
  console.log(stamp(), `tagger features from ${cache}`);
}
const sets = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readSet(cache, n, SHARDS)] as const)));

await initBackend();
const detectors: Record<EventGroup, Detector> = {} as Record<EventGroup, Detector>;
const results = [];
for (const group of ['verbal', 'nonverbal'] as const) {
  const r = await trainHead({
    group,
    seed: SEED,
    train: sets.train,
    calibration: sets.calibration,
    epochs: EPOCHS,
    onProgress: (p) => console.log(stamp(), `${group} epoch ${p.epoch}/${p.epochs}: loss ${p.loss.toFixed(4)}, calibration macro F1 ${p.calibrationF1.toFixed(3)}${p.best ? ' *' : ''}`),
  });
  const d = { model: r.model, postprocess: r.postprocess };
  detectors[group] = d;
  const quiet = segmentScores(d, sets['test-quiet']);
  const bed = segmentScores(d, sets['test-bed']);
  const version = await saveModel(path.join(models, `sed-${group}`), r.model, {
    postprocess: r.postprocess,
    training: {
      recipe: 'npm run train:sed-default',
      tagger: TAGGER.name,
      seed: SEED,
      epochs: r.epochs,
      bestEpoch: r.bestEpoch,
      stats: r.stats,
      sets: Object.fromEntries(names.map((n) => [n, { examples: sets[n].length, seconds: Math.round(sets[n].reduce((s, e) => s + e.durationS, 0)) }])),
    },
    validation: {
      note: 'soundscapes of voice and bed packages held out of training, calibration and thresholds (scripts/sed-default/sources.ts); thresholds and the epoch were chosen on calibration soundscapes of training packages',
      segmentBased: bed,
      quiet: { segmentBased: quiet },
      calibration: { segmentBased: r.calibration?.segment ?? null },
    },
  });
  results.push({ group, version, quiet, bed, bestEpoch: r.bestEpoch, parameters: r.stats.parameters, wallS: r.stats.wallS });
}
const fa = falseAlarms(Object.values(detectors), sets['test-fa']);
const report = {
  wallMinutes: (Date.now() - started) / 60000,
  sets: Object.fromEntries(names.map((n) => [n, { examples: sets[n].length, minutes: sets[n].reduce((s, e) => s + e.durationS, 0) / 60 }])),
  models: results.map((r) => ({ group: r.group, version: r.version, bestEpoch: r.bestEpoch, parameters: r.parameters, trainS: r.wallS, quiet: r.quiet, bed: r.bed })),
  falseAlarms: fa,
  sexConfusion: { quiet: sexConfusion(detectors.verbal, sets['test-quiet']), bed: sexConfusion(detectors.verbal, sets['test-bed']) },
};
await writeFile(path.join(models, 'sed-training-report.json'), JSON.stringify(report, null, 1) + '\n');
await writeAttribution({ models, human, mined });
printReport(report);
console.log(`\nwall time ${report.wallMinutes.toFixed(1)} min`);
