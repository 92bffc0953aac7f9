import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spectrogramPixels, VIRIDIS, type SpectrogramWindow } from '../../src-renderer/src/lib/spectrogram.js';

/** 4 columns a second from t = 10 s, 2 bands: band 0 loud only in column 1, band 1 loud only in column 3. */
const win: SpectrogramWindow = { from: 10, columnsPerSecond: 4, bands: 2, count: 4, data: Uint8Array.from([0, 0, 200, 0, 0, 0, 0, 255]) };
const rgb = (px: Uint8ClampedArray, width: number, x: number, row: number) => [...px.subarray((row * width + x) * 4, (row * width + x) * 4 + 4)];
const colour = (v: number) => [VIRIDIS[v * 3], VIRIDIS[v * 3 + 1], VIRIDIS[v * 3 + 2], 255];

test('spectrogram colours: viridis runs from dark purple to yellow', () => {
  assert.deepEqual([...VIRIDIS.subarray(0, 3)], [0x44, 0x01, 0x54]);
  assert.deepEqual([...VIRIDIS.subarray(255 * 3)], [0xfd, 0xe7, 0x25]);
});

test('spectrogram pixels: zoomed in, each stored column is held across its pixels, the top band on top', () => {
  // 8 px/s: two pixels per column.
  const px = spectrogramPixels(win, 10, 8, 8);
  assert.deepEqual(rgb(px, 8, 2, 1), colour(200), 'band 0 (bottom row) of column 1');
  assert.deepEqual(rgb(px, 8, 3, 1), colour(200));
  assert.deepEqual(rgb(px, 8, 2, 0), colour(0));
  assert.deepEqual(rgb(px, 8, 7, 0), colour(255), 'band 1 (top row) of column 3');
});

test('spectrogram pixels: zoomed out, a pixel takes each band\'s loudest column; outside the data is transparent', () => {
  // 2 px/s: two columns per pixel, and a third pixel past the end of the window.
  const px = spectrogramPixels(win, 10, 2, 3);
  assert.deepEqual(rgb(px, 3, 0, 1), colour(200));
  assert.deepEqual(rgb(px, 3, 1, 0), colour(255));
  assert.deepEqual(rgb(px, 3, 1, 1), colour(0));
  assert.deepEqual(rgb(px, 3, 2, 0), [0, 0, 0, 0]);
  // Scrolled to before the window: nothing drawn.
  assert.ok(spectrogramPixels(win, 0, 2, 4).every((v) => v === 0));
});
