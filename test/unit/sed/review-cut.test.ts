/** Rejected spans stay out of detected events of their class (a verdict outlives the next Analyze). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutRejected } from '../../../src-main/sed/review/cut.js';

test('a rejection trims, splits or removes detected events of its class only, and drops slivers', () => {
  const events = [
    { label: 'crying', onset: 3, offset: 8, confidence: 0.6 },
    { label: 'crying', onset: 10, offset: 11, confidence: 0.7 },
    { label: 'laughter', onset: 4, offset: 6, confidence: 0.9 },
    { label: 'crying', onset: 12, offset: 14.1, confidence: 0.5 },
  ];
  const rejected = [
    { label: 'crying', start: 4, end: 6 },
    { label: 'crying', start: 9.5, end: 11.5 },
    { label: 'crying', start: 12, end: 14 },
  ];
  assert.deepEqual(withoutRejected(events, rejected), [
    { label: 'crying', onset: 3, offset: 4, confidence: 0.6 },
    { label: 'crying', onset: 6, offset: 8, confidence: 0.6 },
    { label: 'laughter', onset: 4, offset: 6, confidence: 0.9 },
  ]);
  assert.deepEqual(withoutRejected(events, []), events);
});
