import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeMenu } from '../../src-renderer/src/lib/menu-place.js';

const win = { width: 1000, height: 800 };
const menu = { width: 180, height: 300 };

test('a menu with room opens at the pointer', () => {
  assert.deepEqual(placeMenu(100, 200, menu, win), { left: 100, top: 200 });
});

test('near the bottom or right edge it opens above or to the left of the pointer', () => {
  assert.deepEqual(placeMenu(900, 700, menu, win), { left: 720, top: 400 });
});

test('a menu taller than either side of the pointer is pushed inside the window', () => {
  assert.deepEqual(placeMenu(100, 250, { width: 180, height: 600 }, win), { left: 100, top: 196 });
  assert.deepEqual(placeMenu(100, 250, { width: 180, height: 900 }, win), { left: 100, top: 4 });
});
