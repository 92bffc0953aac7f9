/** A valence model remembers which detectors its sound-semantics inputs came from; a change is flagged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staleSemantics, trainedOnDetectors } from '../../src-main/analysis/detector-versions.js';
import type { StoredModelInfo } from '../../src-main/store/repos/models.js';

const model = (data: Record<string, unknown> | undefined) => ({ id: 1, kind: 'valence', architecture: 'dnn', version: 'dnn-0', config: data && { data } }) as unknown as StoredModelInfo;

test('a model trained on detector output is flagged only for the groups it reads whose detector changed', () => {
  const m = model({ semantics: 'sed', detectors: { verbal: 'sed-verbal-1-a' } });
  assert.deepEqual(trainedOnDetectors(m), { verbal: 'sed-verbal-1-a' });
  assert.equal(staleSemantics(m, { verbal: 'sed-verbal-1-a', nonverbal: 'sed-nonverbal-2-b' }), null, 'non-verbal output is not an input of this model');
  const stale = staleSemantics(m, { verbal: 'sed-verbal-2-c', nonverbal: 'sed-nonverbal-1-d' });
  assert.match(stale ?? '', /verbal sed-verbal-1-a → sed-verbal-2-c/);
  assert.match(stale ?? '', /retrain the valence model/);
  assert.doesNotMatch(stale ?? '', /nonverbal/);
});

test('models that recorded nothing (annotated semantics, older models, detectors) cannot be checked and pass', () => {
  for (const m of [model({ semantics: 'events', detectors: {} }), model({ semantics: 'sed' }), model(undefined)]) {
    assert.deepEqual(trainedOnDetectors(m), {});
    assert.equal(staleSemantics(m, { verbal: 'x', nonverbal: 'y' }), null);
  }
});
