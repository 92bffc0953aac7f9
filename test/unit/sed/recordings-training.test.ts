/**
 * Retraining from annotated recordings: human events win over overlapping model events of the same
 * group, and a short run holds out whole recordings and saves a loadable model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { trainFromRecordings, trainingEvents } from '../../../src-main/sed/training/recordings-training.js';
import { readModelFile, writeModelFolder } from '../../../src-main/sed/model/model-io.js';
import { encodeWav16 } from '../../../src-main/media/wav.js';

test('human events take precedence over overlapping model events of the same group', () => {
  const kept = trainingEvents([
    { label: 'speech_male', onset: 1, offset: 3, source: 'model' },
    { label: 'speech_female', onset: 2, offset: 4, source: 'human' },
    { label: 'laughter', onset: 2.5, offset: 3, source: 'model' },
    { label: 'crowd', onset: 10, offset: 12, source: 'model' },
  ]);
  assert.deepEqual(
    kept.map((e) => e.label),
    ['speech_female', 'laughter', 'crowd'],
  );
});

/** A tone switched on in odd seconds. */
function wav(seconds: number, hz: number): Buffer {
  const samples = Float32Array.from({ length: Math.round(16000 * seconds) }, (_, i) => (8000 / 32767) * Math.sin((2 * Math.PI * hz * i) / 16000) * (Math.floor(i / 16000) % 2));
  return encodeWav16(samples, 16000);
}

test('a short retraining run on two recordings', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sed-rec-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const items = [220, 330].map((hz, i) => {
    const audioPath = path.join(dir, `movie${i}.wav`);
    writeFileSync(audioPath, wav(12, hz));
    return { audioPath, events: [1, 3, 5, 7, 9, 11].map((s) => ({ label: 'speech_male' as const, onset: s, offset: s + 1, source: 'human' as const })) };
  });
  const result = await trainFromRecordings({
    items,
    group: 'verbal',
    init: null,
    settings: { batchSize: 2, exampleFrames: 200, stepsPerEpoch: 2, maxEpochs: 1, config: { convChannels: [4, 8, 8], gruUnits: 4 } },
  });
  assert.equal(result.epochs.length, 1);
  // The model comes back in memory, as the project stores it; written out, it reads back the same.
  const out = path.join(dir, 'model');
  await writeModelFolder(out, result.model);
  const file = await readModelFile(out);
  assert.equal(file.version, result.version);
  assert.match(JSON.stringify(file.training), /movie1\.wav held out/);
});
