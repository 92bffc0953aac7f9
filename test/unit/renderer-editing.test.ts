import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SoundEvent } from '../../src-main/contract/domain.js';
import { eventsInBand, hitEvent, visibleEvents } from '../../src-renderer/src/lib/hit-test.js';
import { MIN_EVENT_SECONDS, moveDelta, resize, spanBetween } from '../../src-renderer/src/lib/edit.js';
import { laneAt, layoutLanes } from '../../src-renderer/src/lib/lanes.js';
import { shortcutFor } from '../../src-renderer/src/lib/shortcuts.js';
import { formatTime, ticks, tickStep } from '../../src-renderer/src/lib/ruler.js';
import { float32FromBase64, unitFromInt16Base64 } from '../../src-renderer/src/lib/base64.js';

const ev = (id: number, onset: number, offset: number): SoundEvent => ({
  id, movieId: 1, label: 'crowd', onset, offset, source: 'human', confidence: null, modelVersion: null,
});
const view = { start: 0, pxPerSec: 100, width: 1000 };

test('hit testing finds edges, bodies, and prefers the selection', () => {
  const a = ev(1, 1, 2);
  const b = ev(2, 1.5, 3);
  assert.deepEqual(hitEvent([a, b], view, 101, new Set()), { event: a, part: 'start' });
  assert.equal(hitEvent([a, b], view, 250, new Set())?.part, 'body');
  assert.equal(hitEvent([a, b], view, 170, new Set())?.event.id, 2);
  assert.equal(hitEvent([a, b], view, 170, new Set([1]))?.event.id, 1);
  assert.equal(hitEvent([a, b], view, 500, new Set()), null);
  assert.deepEqual(visibleEvents([a, b], 2.5, 10), [b]);
});

test('a narrow event is still grabbable by its edges', () => {
  const tiny = ev(3, 1, 1.02);
  assert.equal(hitEvent([tiny], view, 97, new Set())?.part, 'start');
  assert.equal(hitEvent([tiny], view, 105, new Set())?.part, 'end');
});

test('edits stay inside the movie and never invert an event', () => {
  assert.deepEqual(spanBetween(5, 2, 4), { onset: 2, offset: 4 });
  assert.equal(moveDelta([ev(1, 1, 2), ev(2, 5, 6)], -3, 10), -1);
  assert.equal(moveDelta([ev(1, 1, 2), ev(2, 5, 6)], 10, 10), 4);
  assert.deepEqual(resize({ onset: 1, offset: 2 }, 'start', 3, 10), { onset: 2 - MIN_EVENT_SECONDS, offset: 2 });
  assert.deepEqual(resize({ onset: 1, offset: 2 }, 'end', 20, 10), { onset: 1, offset: 10 });
});

test('lanes come in two labelled groups of four', () => {
  const layout = layoutLanes(20, 10);
  assert.deepEqual(layout.headers.map((h) => h.title), ['Verbal', 'Non-verbal']);
  assert.equal(layout.height, 2 * 10 + 8 * 20);
  assert.equal(laneAt(layout, 5), null);
  assert.equal(laneAt(layout, 15)?.label, 'speech_male');
  assert.equal(laneAt(layout, 10 + 80 + 10 + 5)?.label, 'shouting');
});

test('keys map to timeline actions', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) =>
    shortcutFor({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  assert.deepEqual(k(' '), { kind: 'play-toggle' });
  assert.deepEqual(k('z', { ctrlKey: true }), { kind: 'undo' });
  assert.deepEqual(k('Z', { ctrlKey: true, shiftKey: true }), { kind: 'redo' });
  assert.deepEqual(k('y', { metaKey: true }), { kind: 'redo' });
  assert.deepEqual(k('3'), { kind: 'relabel', index: 2 });
  assert.deepEqual(k('ArrowLeft'), { kind: 'step', frames: -1 });
  assert.equal(k('9'), null);
});

test('ruler ticks are nice steps with readable labels', () => {
  assert.equal(tickStep(100), 1);
  assert.equal(tickStep(1200 / 7200), 600);
  assert.deepEqual(ticks(0.5, 3, 1), [1, 2, 3]);
  assert.equal(formatTime(3725, 1), '1:02:05');
  assert.equal(formatTime(5.25, 0.1), '0:05.3');
  assert.equal(formatTime(59.97, 0.1), '1:00.0');
});

test('base64 payloads decode to the typed arrays they encode', () => {
  const f = Float32Array.from([0.5, NaN, -1]);
  const back = float32FromBase64(Buffer.from(f.buffer).toString('base64'));
  assert.equal(back[0], 0.5);
  assert.ok(Number.isNaN(back[1]));
  const i = Int16Array.from([32767, -32767, 0]);
  assert.deepEqual(Array.from(unitFromInt16Base64(Buffer.from(i.buffer).toString('base64'))), [1, -1, 0]);
});

test('a rubber band selects what it touches, in any drag direction', () => {
  const byLabel = Object.fromEntries(
    ['speech_male', 'speech_female', 'crowd', 'singing', 'shouting', 'crying', 'breathing', 'laughter'].map((l) => [l, [] as SoundEvent[]]),
  ) as Record<SoundEvent['label'], SoundEvent[]>;
  byLabel.crowd.push(ev(1, 1, 2));
  byLabel.crying.push({ ...ev(2, 5, 6), label: 'crying' });
  byLabel.laughter.push({ ...ev(3, 1, 2), label: 'laughter' });
  assert.deepEqual(eventsInBand(byLabel, { t0: 5.5, t1: 0, laneA: 5, laneB: 2 }), [1, 2]);
  assert.deepEqual(eventsInBand(byLabel, { t0: 3, t1: 4, laneA: 0, laneB: 7 }), []);
});
