/**
 * End to end on a tiny synthetic corpus: train both detectors for a few steps in worker threads,
 * save and reload them, run the `sed` and `sed-eval` commands, and check the clear errors for
 * missing or foreign model folders and for unreadable or empty audio.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EVENT_CLASSES } from '../../../src-main/contract/domain.js';
import { trainFromCorpus } from '../../../src-main/sed/training/corpus-training.js';
import { SoundEventDetector, detectFile, SED_RATE_HZ } from '../../../src-main/sed/detector.js';
import { loadModel } from '../../../src-main/sed/model/model-io.js';
import { run as sedCommand } from '../../../src-main/cli/commands/sed.js';
import { run as sedEvalCommand } from '../../../src-main/cli/commands/sed-eval.js';
import { encodeWav16 } from '../../../src-main/media/wav.js';

const tone = (hz: number, seconds: number) =>
  Float32Array.from({ length: Math.round(16000 * seconds) }, (_, i) => (i > 1600 && i < 16000 * seconds - 1600 ? 0.3 * Math.sin((2 * Math.PI * hz * i) / 16000) : 0));

test('train, save, load, detect and score on a tiny corpus', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sed-pipeline-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const rows = ['file\tlabel\ttrack\tsex\tsource\tsource_path\tlicence\tduration_s'];
  EVENT_CLASSES.forEach((label, c) => {
    mkdirSync(path.join(dir, label), { recursive: true });
    for (let v = 0; v < 3; v++) {
      const file = `${label}/src${v}-${c}__clip.wav`;
      writeFileSync(path.join(dir, file), encodeWav16(tone(200 + 150 * c + 20 * v, 1), 16000));
      rows.push(`${file}\t${label}\tx\tU\ttest:${v}\t-\tCC0\t1.0`);
    }
  });
  writeFileSync(path.join(dir, 'manifest.tsv'), rows.join('\n') + '\n');
  const outDirs = { verbal: path.join(dir, 'm', 'sed-verbal'), nonverbal: path.join(dir, 'm', 'sed-nonverbal') };
  const result = await trainFromCorpus({
    manifest: path.join(dir, 'manifest.tsv'),
    seed: 1,
    validationSoundscapes: 3,
    calibrationSoundscapes: 3,
    syntheticBeds: { train: 1, validation: 1 },
    outDirs,
    parallel: true,
    settings: { batchSize: 4, exampleFrames: 200, stepsPerEpoch: 2, maxEpochs: 1, config: { convChannels: [4, 8, 8], gruUnits: 4 } },
  });
  assert.equal(result.models.length, 2);
  for (const m of result.models) {
    const loaded = await loadModel(m.dir);
    assert.equal(loaded.meta.version, m.version);
    assert.equal(loaded.model.config.group, m.group);
    assert.ok(m.sizeBytes < 10 * 1024 * 1024);
    loaded.model.dispose();
  }

  // Detection over a decoded stream: one 25 Hz frame per 40 ms, embeddings for both detectors.
  const audio = path.join(dir, 'scene.wav');
  writeFileSync(audio, encodeWav16(tone(300, 3.3), 16000));
  const detector = await SoundEventDetector.load(outDirs);
  let embeddingRows = 0;
  const found = await detectFile(audio, { detector, onFrames: (f) => void (embeddingRows += f.count) });
  assert.equal(found.frames, Math.ceil((3.3 * SED_RATE_HZ * 100) / 100));
  assert.equal(embeddingRows, found.frames);
  detector.dispose();

  // The commands: events TSV out, metrics in.
  const tsv = path.join(dir, 'events.tsv');
  assert.equal(await sedCommand([audio, '--out', tsv, '--model', outDirs.verbal, '--model', outDirs.nonverbal]), 0);
  assert.match(readFileSync(tsv, 'utf8'), /^(\d+\.\d{3}\t\d+\.\d{3}\t\w+\n)*$/);
  const ref = path.join(dir, 'ref.tsv');
  writeFileSync(ref, '0.100\t3.200\tsinging\n');
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => void lines.push(s);
  try {
    assert.equal(await sedEvalCommand(['--ref', ref, '--est', tsv, '--json']), 0);
  } finally {
    console.log = log;
  }
  const metrics = JSON.parse(lines.join('\n'));
  assert.ok('segment' in metrics && 'event' in metrics);

  // Clear errors.
  await assert.rejects(loadModel(path.join(dir, 'nope')), /model folder not found/);
  mkdirSync(path.join(dir, 'foreign'));
  writeFileSync(path.join(dir, 'foreign', 'model.json'), JSON.stringify({ architecture: 'resnet50', config: {} }));
  await assert.rejects(loadModel(path.join(dir, 'foreign')), /'resnet50' model, not an attentive-cbrnn/);
  writeFileSync(path.join(dir, 'empty.wav'), Buffer.alloc(0));
  await assert.rejects(sedCommand([path.join(dir, 'empty.wav'), '--out', tsv, '--model', outDirs.verbal]), /empty/);
  writeFileSync(path.join(dir, 'junk.wav'), 'not audio at all');
  await assert.rejects(sedCommand([path.join(dir, 'junk.wav'), '--out', tsv]), /not a media file/);
});
