/** Reading model inputs from a project: strides, chunk boundaries, event-derived semantics, labels. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_RATERS } from '../../../src-main/contract/traces.js';
import { missingKinds, movieInputs, readFrames, sharedAvModalities } from '../../../src-main/analysis/valence/valence-inputs.js';
import { tempDir } from '../../helpers/media.js';
import { syntheticProject } from '../../helpers/valence/synthetic-store.js';

test('strided reads are the matching rows of a full read, in plain or shared memory', () => {
  const project = syntheticProject(tempDir('vs-valence-load-'), { movies: 2, seconds: 10 });
  try {
    const inputs = movieInputs(project, 1, ['audio', 'nonverbal'], 'events', ALL_RATERS);
    assert.equal(inputs.frames, 250);
    const full = readFrames(project, inputs, ['audio', 'nonverbal']);
    const strided = readFrames(project, inputs, ['audio', 'nonverbal'], { from: 3, to: 200, stride: 7, shared: true });
    assert.ok(strided.features.get('audio')!.data.buffer instanceof SharedArrayBuffer);
    assert.equal(strided.rows, Math.ceil(197 / 7));
    for (let r = 0; r < strided.rows; r++) {
      const f = 3 + r * 7;
      for (const m of ['audio', 'nonverbal'] as const) {
        const { dims, data } = full.features.get(m)!;
        assert.deepEqual(strided.features.get(m)!.data.subarray(r * dims, (r + 1) * dims), data.subarray(f * dims, (f + 1) * dims));
      }
      assert.equal(strided.labels[r], full.labels[f]);
    }
    // Crying drives the synthetic valence to −0.85: class 1 wherever the crying channel is on.
    const { data } = full.features.get('nonverbal')!;
    for (let f = 0; f < 250; f++) if (data[f * 4 + 1] === 1) assert.equal(full.labels[f], 1);
    assert.deepEqual(sharedAvModalities(project, [1, 2]), ['audio']);
    assert.deepEqual(missingKinds(project, 1, ['audio', 'visual', 'verbal'], 'sed'), ['visual.*', 'sed.verbal']);
    assert.deepEqual(missingKinds(project, 1, ['audio', 'verbal'], 'events'), []);
  } finally {
    project.close();
  }
});
