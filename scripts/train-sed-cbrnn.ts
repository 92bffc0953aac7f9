/**
 * `npm run train:sed-cbrnn`: trains the paper's from-scratch CBRNN verbal and non-verbal detectors on
 * ../shared/data/human-sounds (seed 1, both detectors in parallel, one per core) into
 * resources/models/sed-verbal and sed-nonverbal, writes resources/models/ATTRIBUTION.md, and prints
 * per-class validation figures on soundscapes built only from held-out source groups.
 * Same machine and backend, same seed → the same weights.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainFromCorpus } from '../src-main/sed/training/corpus-training.js';
import { DEFAULT_TRAIN_SETTINGS } from '../src-main/sed/training/defaults.js';
import { HUMAN_SOUNDS_NOTICES, SHARE_ALIKE_NOTE, writeAttributionSection } from './sed-default/attribution.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repo, '..', 'shared');
const corpus = path.join(shared, 'data', 'human-sounds');
const bed = path.join(shared, 'data', 'video', 'big_buck_bunny_0_30.webm');
const models = path.join(repo, 'resources', 'models');

if (!existsSync(path.join(corpus, 'manifest.tsv'))) {
  console.error(`train:sed-default needs the human-sounds corpus at ${corpus}`);
  process.exit(1);
}

const started = Date.now();
const stamp = () => `[${((Date.now() - started) / 60000).toFixed(1)} min]`;
const result = await trainFromCorpus({
  manifest: path.join(corpus, 'manifest.tsv'),
  seed: 1,
  validationFraction: 0.25,
  validationSoundscapes: 200,
  calibrationSoundscapes: 100,
  bedRecordings: existsSync(bed) ? [{ path: bed, trainShare: 2 / 3 }] : [],
  outDirs: { verbal: path.join(models, 'sed-verbal'), nonverbal: path.join(models, 'sed-nonverbal') },
  parallel: true,
  // The budget only guards the wall time on a slower or busier machine; epochs are fixed otherwise.
  settings: { ...DEFAULT_TRAIN_SETTINGS, timeBudgetS: 25 * 60 },
  onProgress: (m) => console.log(stamp(), m),
  onTrainProgress: (group, p) => {
    if (p.phase === 'train' && p.step % 25 === 0) console.log(stamp(), `${group} epoch ${p.epoch} step ${p.step}/${p.stepsPerEpoch} loss ${p.loss.toFixed(3)} (${p.examplesPerS.toFixed(1)} examples/s)`);
    if (p.phase === 'validate') {
      const f1 = Object.entries(p.segmentF1).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
      console.log(stamp(), `${group} epoch ${p.epoch}: validation loss ${p.valLoss.toFixed(4)}${p.best ? ' *' : ''}; segment F1 ${f1}`);
    }
  },
});

await writeAttribution();
const report = {
  wallMinutes: result.wallS / 60,
  corpus: result.corpus,
  models: result.models.map((m) => ({
    group: m.group,
    version: m.version,
    weightsBytes: m.sizeBytes,
    parameters: m.outcome.parameters,
    bestEpoch: m.outcome.bestEpoch,
    epochs: m.outcome.epochs.length,
    stoppedBy: m.outcome.stoppedBy,
    stats: m.outcome.stats,
    segment: m.outcome.validation.segment,
    event: m.outcome.validation.event,
  })),
};
await writeFile(path.join(models, 'sed-training-report.json'), JSON.stringify(report, null, 1) + '\n');

console.log(`\nValidation on ${result.corpus.validationSoundscapes} soundscapes (${result.corpus.validationSeconds} s) of held-out sources:`);
for (const m of result.models) {
  console.log(`${m.group} (${m.version}, ${(m.sizeBytes / 1024).toFixed(0)} KiB, best epoch ${m.outcome.bestEpoch}/${m.outcome.epochs.length}, stopped by ${m.outcome.stoppedBy}, ${m.outcome.stats.examplesPerS.toFixed(1)} examples/s of ${m.outcome.stats.exampleSeconds} s)`);
  for (const [label, c] of Object.entries(m.outcome.validation.segment.classWise)) {
    const e = m.outcome.validation.event.classWise[label];
    console.log(`  ${label.padEnd(14)} segment F1 ${c.fMeasure.toFixed(3)} (P ${c.precision.toFixed(3)} R ${c.recall.toFixed(3)} ER ${c.errorRate.toFixed(2)})   event F1 ${e.fMeasure.toFixed(3)}`);
  }
  console.log(`  macro          segment F1 ${m.outcome.validation.segment.classWiseAverage.fMeasure.toFixed(3)}   event F1 ${m.outcome.validation.event.classWiseAverage.fMeasure.toFixed(3)}`);
}
console.log(`\nwall time ${(result.wallS / 60).toFixed(1)} min`);

/** The corpus's own attribution (with its notice requirements) plus what the CBRNN models add. */
async function writeAttribution(): Promise<void> {
  const corpusAttribution = await readFile(path.join(corpus, 'ATTRIBUTION.md'), 'utf8');
  await writeAttributionSection(
    models,
    `# Attribution: sound event detectors trained from scratch (the paper's CBRNN)

The models were trained (\`npm run train:sed-cbrnn\`) on the human-sounds corpus, whose sources,
licences and copyright holders are reproduced in full below, including the notices that must be kept:

${HUMAN_SOUNDS_NOTICES}

Background for training and validation soundscapes also used the first 30 s of *Big Buck Bunny*,
(c) 2008 Blender Foundation, www.bigbuckbunny.org, licensed CC-BY-3.0 (first two thirds for training
beds, the last third for validation beds).

${SHARE_ALIKE_NOTE}

---

${corpusAttribution.trimEnd()}
`,
  );
}
