import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meanTrace, parseCognimuse } from '../../src-main/valence/data/cognimuse.js';
import { valenceClass } from '../../src-main/contract/domain.js';
import { SHARED_DIR } from '../helpers/media.js';

test('parses time valence arousal lines on the 25 Hz grid', () => {
  const t = parseCognimuse('0 0.1 -0.5\n0.04 0.2 -0.4\n0.08 0.3 -0.3\n', 'r1');
  assert.deepEqual([...t.valence].map((x) => +x.toFixed(3)), [0.1, 0.2, 0.3]);
});

test('errors carry the file and line number', () => {
  assert.throws(() => parseCognimuse('0 0.1 0\n0.04 0.2\n', 'a.dat'), /a\.dat, line 2: expected 3 columns/);
  assert.throws(() => parseCognimuse('0 0.1 0\n0.04 x 0\n', 'a.dat'), /line 2: 'x' is not a number/);
  assert.throws(() => parseCognimuse('0 0.1 0\n0.08 0.1 0\n0.04 0.1 0\n', 'a.dat'), /line 2: time 0.08 breaks the 0.04 s/);
  assert.throws(() => parseCognimuse('0.04 0.1 0\n0 0.1 0\n', 'a.dat'), /line 1: time 0.04 breaks|line 2: time 0 is not after/);
  assert.throws(() => parseCognimuse('0 1.5 0\n', 'a.dat'), /line 1: valence and arousal must lie in \[-1, 1\]/);
  assert.throws(() => parseCognimuse('\n\n', 'a.dat'), /no annotation lines/);
});

test('several raters: the mean, truncated to the shortest trace', () => {
  const a = parseCognimuse('0 0.2 0\n0.04 0.4 0\n0.08 0.6 0\n', 'a');
  const b = parseCognimuse('0 0.0 1\n0.04 0.2 1\n', 'b');
  const m = meanTrace([a, b]);
  assert.deepEqual([...m.valence].map((x) => +x.toFixed(3)), [0.1, 0.3]);
  assert.deepEqual([...m.arousal], [0.5, 0.5]);
});

test('seven-class quantization uses uniform bins with class 4 neutral', () => {
  assert.deepEqual([-1, -0.8, -0.5, -0.2, 0, 0.2, 0.5, 0.8, 1].map(valenceClass), [1, 1, 2, 3, 4, 5, 6, 7, 7]);
  assert.equal(valenceClass(1 / 7 - 1e-9), 4);
  assert.equal(valenceClass(1 / 7 + 1e-9), 5);
});

test('the real COGNIMUSE traces parse whole', (t) => {
  const dir = join(SHARED_DIR, 'data', 'cognimuse');
  if (!existsSync(dir)) return t.skip('../shared/data/cognimuse not found');
  const lengths: Record<string, number> = { BMI: 46939, CHI: 45205, CRA: 39930, DEP: 45023, FNE: 45443, GLA: 45072, LOR: 56341 };
  for (const [film, rows] of Object.entries(lengths)) {
    const trace = parseCognimuse(readFileSync(join(dir, film, 'intended_1.dat'), 'utf8'), film);
    assert.equal(trace.valence.length, rows, film);
  }
});
