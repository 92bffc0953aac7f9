/** Playback speed steps, the one shortcut table (keys and the help list built from it), and which film a job is on. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSpeed, SPEEDS, stepSpeed } from '../../src-renderer/src/lib/speed.js';
import { ratingKeyFor, shortcutFor, shortcutHelp, type KeyLike } from '../../src-renderer/src/lib/shortcuts.js';
import { jobFilmId } from '../../src-renderer/src/lib/job-film.js';
import type { Job } from '../../src-main/contract/jobs.js';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

test('speed steps walk the list from 0.25× to 4× and stop at the ends', () => {
  assert.deepEqual([...SPEEDS], [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4]);
  assert.equal(stepSpeed(1, 1), 1.25);
  assert.equal(stepSpeed(1, -1), 0.75);
  assert.equal(stepSpeed(4, 1), 4);
  assert.equal(stepSpeed(0.25, -1), 0.25);
  assert.equal(stepSpeed(1.1, 1), 1.25, 'an off-list speed moves to its neighbour');
  assert.equal(stepSpeed(1.1, -1), 1);
  assert.equal(formatSpeed(0.25), '0.25×');
});

test('speed and help keys map without clashing with the other shortcuts', () => {
  assert.deepEqual(shortcutFor(key('[')), { kind: 'speed', direction: -1 });
  assert.deepEqual(shortcutFor(key(']')), { kind: 'speed', direction: 1 });
  assert.deepEqual(shortcutFor(key('\\')), { kind: 'speed-reset' });
  assert.deepEqual(shortcutFor(key('?', { shiftKey: true })), { kind: 'help' }, '? needs Shift on most layouts');
  assert.deepEqual(shortcutFor(key('F1')), { kind: 'help' });
  assert.deepEqual(shortcutFor(key('z', { ctrlKey: true })), { kind: 'undo' });
  assert.deepEqual(shortcutFor(key('Z', { metaKey: true, shiftKey: true })), { kind: 'redo' });
  assert.deepEqual(shortcutFor(key('a', { ctrlKey: true, shiftKey: true })), { kind: 'select-all' });
  assert.deepEqual(shortcutFor(key('+', { shiftKey: true })), { kind: 'zoom', factor: 1.5 });
  assert.equal(shortcutFor(key('[', { ctrlKey: true })), null);
  assert.equal(shortcutFor(key('z')), null);
  assert.equal(shortcutFor(key(' ', { altKey: true })), null);
});

test('the rating pass keys come from the same table', () => {
  assert.deepEqual(ratingKeyFor(key('ArrowUp')), { kind: 'nudge', direction: 1 });
  assert.deepEqual(ratingKeyFor(key('ArrowDown', { shiftKey: true })), { kind: 'nudge', direction: -1 });
  assert.deepEqual(ratingKeyFor(key(' ')), { kind: 'pause' });
  assert.deepEqual(ratingKeyFor(key('Escape')), { kind: 'stop' });
  assert.equal(ratingKeyFor(key('ArrowUp', { ctrlKey: true })), null);
});

test('the help list names every shortcut, alternatives on one row', () => {
  const help = shortcutHelp();
  const rows = help.flatMap((g) => g.rows);
  const find = (what: string) => rows.find((r) => r.what === what);
  assert.deepEqual(find('Undo')?.keys, ['Ctrl/⌘ + Z']);
  assert.deepEqual(find('Redo')?.keys, ['Ctrl/⌘ + Shift + Z', 'Ctrl/⌘ + Y']);
  assert.deepEqual(find('Slower playback speed')?.keys, ['[']);
  assert.deepEqual(find('Playback speed back to 1×')?.keys, ['\\']);
  assert.deepEqual(find('Play or pause')?.keys, ['Space']);
  assert.deepEqual(find('Show or hide this list')?.keys, ['?', 'F1']);
  assert.equal(rows.filter((r) => r.what.startsWith('Relabel')).length, 8);
  assert.ok(help.some((g) => g.group === 'During a rating pass'));
});

test('a job is on a film by its parameters, or by its result once an import is done', () => {
  const job = (params: unknown, result: unknown = null) => ({ params, result }) as unknown as Job;
  assert.equal(jobFilmId(job({ movieId: 3 })), 3);
  assert.equal(jobFilmId(job({ path: '/x.mp4' }, { movieId: 7 })), 7);
  assert.equal(jobFilmId(job({ path: '/x.mp4' })), null);
});
