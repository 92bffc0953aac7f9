/**
 * Training on a reviewed film (#13 item 5): where a film's targets are known only in places (review
 * verdicts, curated events), what the targets say elsewhere must not move the head.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import type { HeadExample } from '../../../src-main/sed/head/evaluate-head.js';
import { trainHead } from '../../../src-main/sed/head/train-head.js';
import { TAGGER_DIMS, TAGGER_STEP_S } from '../../../src-main/sed/tagger/tagger.js';

const STEPS = 21;
const at = (step: number) => step * TAGGER_STEP_S;

function features(seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: STEPS * TAGGER_DIMS }, () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296) - 0.5);
}

async function weightsAfter(train: HeadExample[]): Promise<number[]> {
  const result = await trainHead({ group: 'nonverbal', seed: 5, train, calibration: [], epochs: 3, batchSize: 2, learningRate: 1e-2, config: { hiddenDims: 8, gruUnits: 4, dropout: 0 } });
  const values = result.model.namedWeights().flatMap(([, v]) => Array.from(v.dataSync()));
  result.model.dispose();
  return values;
}

test('outside the known spans, the targets do not move a head; inside, they do', async () => {
  await initBackend({ prefer: 'wasm' });
  const before = tf.memory().numTensors;
  // Reviewed: laughter known at steps 4-9 (a laugh there), crying known at steps 12-15 (rejected: none).
  const known = [
    { label: 'laughter' as const, onset: at(4), offset: at(10) },
    { label: 'crying' as const, onset: at(12), offset: at(16) },
  ];
  const reviewed = (outside: HeadExample['events']): HeadExample[] => [
    { features: features(1), events: [{ label: 'laughter', onset: at(4), offset: at(10) }, ...outside], durationS: STEPS * TAGGER_STEP_S, known },
    { features: features(2), events: [], durationS: STEPS * TAGGER_STEP_S },
  ];
  // The detector's own output outside the reviewed spans: a shout here, a cry there, or nothing.
  const a = await weightsAfter(reviewed([{ label: 'shouting', onset: at(0), offset: at(3) }]));
  const b = await weightsAfter(reviewed([{ label: 'crying', onset: at(17), offset: at(21) }, { label: 'laughter', onset: at(0), offset: at(2) }]));
  assert.deepEqual(a, b, 'events outside the known spans change nothing');
  const c = await weightsAfter([{ ...reviewed([])[0], events: [] }, reviewed([])[1]]);
  assert.notDeepEqual(a, c, 'the laugh inside a known span does train');
  assert.equal(tf.memory().numTensors, before);
});
