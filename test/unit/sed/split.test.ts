/**
 * Source grouping and the validation split: no group is on both sides, every class keeps training
 * data, and on the shipped corpus (when ../shared is present) every class gets validation data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifest, sourceGroup } from '../../../src-main/sed/data/manifest.js';
import { splitBySource } from '../../../src-main/sed/data/split.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

test('source groups merge one voice and split many-speaker folders', () => {
  assert.equal(sourceGroup('speech_female/asterisk-fr-armelle-digits__1.flac'), 'asterisk-fr-armelle');
  assert.equal(sourceGroup('speech_female/asterisk-es__hola.flac'), 'asterisk-en');
  assert.equal(sourceGroup('speech_male/kajongg-de-male1__x.flac'), 'kajongg-male1');
  assert.equal(sourceGroup('shouting/openarena-sarge__pain.flac'), 'openarena-voice-RottKing');
  assert.equal(sourceGroup('breathing/openarena-ayumi__gasp.flac'), 'openarena-voice-pixie');
  assert.equal(sourceGroup('speech_male/fsdd__0_george_12.flac'), 'fsdd-george');
  assert.equal(sourceGroup('crying/donateacry__0a983cd2-0078-4698-a048-99ac01eb167a-1433917038889-1.7-f-04-hu.flac'), 'donateacry-0a983cd2-0078-4698-a048-99ac01eb167a');
});

test('a split never puts one group on both sides', () => {
  const items = Array.from({ length: 60 }, (_, i) => ({ group: `g${i % 12}`, label: `c${i % 3}`, weight: 1 + (i % 5) }));
  const s = splitBySource(items, 0.25, 5);
  const trainGroups = new Set(s.train.map((i) => i.group));
  assert.ok(s.validation.every((i) => !trainGroups.has(i.group)));
  for (const c of ['c0', 'c1', 'c2']) {
    assert.ok(s.train.some((i) => i.label === c), `${c} keeps training data`);
    assert.ok(s.validation.some((i) => i.label === c), `${c} has validation data`);
  }
  assert.deepEqual(splitBySource(items, 0.25, 5).validationGroups, s.validationGroups, 'seeded');
});

test('the shipped corpus: every class on both sides, by whole groups', (t) => {
  const manifest = path.join(path.resolve(repoRoot, '..', 'shared'), 'data', 'human-sounds', 'manifest.tsv');
  if (!existsSync(manifest)) return t.skip('../shared/data/human-sounds is not present');
  const clips = parseManifest(readFileSync(manifest, 'utf8'));
  const s = splitBySource(clips.map((c) => ({ ...c, weight: c.durationS })), 0.25, 1);
  const trainGroups = new Set(s.train.map((c) => c.group));
  assert.ok(s.validation.every((c) => !trainGroups.has(c.group)));
  for (const label of new Set(clips.map((c) => c.label))) {
    const v = s.validation.filter((c) => c.label === label).reduce((a, c) => a + c.durationS, 0);
    const all = clips.filter((c) => c.label === label).reduce((a, c) => a + c.durationS, 0);
    assert.ok(v > 0 && v < all, `${label}: ${v.toFixed(0)} of ${all.toFixed(0)} s held out`);
  }
});
