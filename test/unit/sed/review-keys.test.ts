/** The review panel's keys and list bookkeeping (src-renderer/src/components/review/review-keys.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReviewSegment } from '../../../src-main/contract/review.js';
import { clock, keepPlace, reviewKeyFor } from '../../../src-renderer/src/components/review/review-keys.js';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
  reviewKeyFor({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

test('J/K and the arrows move, Enter and Space play, A accepts, R rejects, 1–8 relabel in lane order', () => {
  assert.deepEqual([key('j'), key('ArrowDown'), key('J', { shiftKey: true })], [{ kind: 'move', by: 1 }, { kind: 'move', by: 1 }, { kind: 'move', by: 1 }]);
  assert.deepEqual([key('k'), key('ArrowUp')], [{ kind: 'move', by: -1 }, { kind: 'move', by: -1 }]);
  assert.deepEqual([key('Enter'), key(' ')], [{ kind: 'play' }, { kind: 'play' }]);
  assert.deepEqual([key('a'), key('r')], [{ kind: 'accept' }, { kind: 'reject' }]);
  assert.deepEqual([key('1'), key('8')], [{ kind: 'relabel', label: 'speech_male' }, { kind: 'relabel', label: 'laughter' }]);
});

test('other keys, and keys with Ctrl, ⌘ or Alt, are left to the rest of the app', () => {
  for (const k of ['0', '9', 'x', 'Escape', 'Delete']) assert.equal(key(k), null, k);
  assert.equal(key('z', { ctrlKey: true }), null, 'Ctrl+Z stays the undo');
  assert.equal(key('a', { metaKey: true }), null);
  assert.equal(key('1', { altKey: true }), null);
});

const seg = (movieId: number, start: number): ReviewSegment => ({
  movieId, title: `film ${movieId}`, label: 'crying', group: 'nonverbal', start, end: start + 1, score: 0.9, reason: 'threshold', modelVersion: 'v', events: [],
});

test('after the list changes the same segment stays highlighted, else the same place', () => {
  const [a, b, c] = [seg(1, 0), seg(1, 5), seg(2, 3)];
  assert.equal(keepPlace(b, 1, [c, a, b]), 2, 'moved down: followed');
  assert.equal(keepPlace(b, 1, [a, c]), 1, 'decided: the next one slides into its place');
  assert.equal(keepPlace(c, 2, [a]), 0, 'past the end: the last');
  assert.equal(keepPlace(null, 0, []), 0);
});

test('times read m:ss.s', () => {
  assert.deepEqual([clock(4), clock(65.25), clock(600)], ['0:04.0', '1:05.3', '10:00.0']);
});
