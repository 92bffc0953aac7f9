import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SoundEvent } from '../../src-main/contract/domain.js';
import { commit, dragTo, preview, type Gesture } from '../../src-renderer/src/lib/gesture.js';

const ev = (id: number, label: SoundEvent['label'], onset: number, offset: number): SoundEvent => ({
  id, movieId: 1, label, onset, offset, source: 'human', confidence: null, modelVersion: null,
});

test('a create drag becomes one new event, in either direction', () => {
  const g: Gesture = { kind: 'create', label: 'crowd', from: 5, to: 5 };
  assert.deepEqual(commit(dragTo(g, 3, 2, 60), 60, 0.04), { create: { label: 'crowd', onset: 3, offset: 5 } });
  assert.deepEqual(commit(dragTo(g, 5.01, 2, 60), 60, 0.04), {}, 'too short to be an event');
});

test('a move shifts every selected event by the same time and lane offset', () => {
  const originals = [ev(1, 'speech_male', 1, 2), ev(2, 'crowd', 4, 5)];
  const g = dragTo({ kind: 'move', originals, from: 1.5, laneFrom: 0, dt: 0, dLane: 0 }, 2.5, 1, 60);
  assert.deepEqual(preview(g, 60).map((e) => [e.label, e.onset, e.offset]), [
    ['speech_female', 2, 3],
    ['singing', 5, 6],
  ]);
  assert.deepEqual(commit(g, 60, 0.04), {
    patches: [
      { id: 1, onset: 2, offset: 3, label: 'speech_female' },
      { id: 2, onset: 5, offset: 6, label: 'singing' },
    ],
  });
});

test('a move stops at the movie ends and the outer lanes', () => {
  const originals = [ev(1, 'laughter', 1, 2)];
  const g = dragTo({ kind: 'move', originals, from: 1.5, laneFrom: 7, dt: 0, dLane: 0 }, -10, 12, 60);
  assert.deepEqual(preview(g, 60).map((e) => [e.label, e.onset]), [['laughter', 0]]);
});

test('a resize changes one edge; an unchanged drag sends nothing', () => {
  const e = ev(1, 'crying', 1, 2);
  const g: Gesture = { kind: 'resize', original: e, edge: 'end', to: 2 };
  assert.deepEqual(commit(dragTo(g, 3.5, 5, 60), 60, 0.04), { patches: [{ id: 1, offset: 3.5 }] });
  assert.deepEqual(commit(g, 60, 0.04), {});
});
