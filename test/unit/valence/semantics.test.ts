import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventActivity, eventMask, referenceEvents } from '../../../src-main/valence/data/semantics.js';

test('a frame is inside an event when its centre is', () => {
  // 25 Hz: frame f's centre is at (f + 0.5)·0.04 s. [0.06, 0.14) holds centres 0.06 and 0.10.
  const m = eventMask([{ label: 'crying', onset: 0.06, offset: 0.14 }], 'crying', 6);
  assert.deepEqual([...m], [0, 1, 1, 0, 0, 0]);
  assert.deepEqual([...eventMask([{ label: 'crying', onset: 0.2, offset: 9 }], 'crying', 8)], [0, 0, 0, 0, 0, 1, 1, 1]);
  assert.deepEqual([...eventMask([{ label: 'laughter', onset: 0, offset: 1 }], 'crying', 3)], [0, 0, 0]);
});

test('activity columns follow the group class order', () => {
  const a = eventActivity(
    [
      { label: 'crowd', onset: 0, offset: 0.04 },
      { label: 'speech_male', onset: 0.04, offset: 0.08 },
    ],
    'verbal',
    2,
  );
  assert.deepEqual([...a], [0, 0, 1, 0, 1, 0, 0, 0]);
});

test('annotated events win over detected ones', () => {
  const ev = (source: 'human' | 'import' | 'model') => ({ source });
  assert.deepEqual(referenceEvents([ev('model'), ev('import'), ev('human')]), [ev('import'), ev('human')]);
  assert.deepEqual(referenceEvents([ev('model')]), [ev('model')]);
});
