import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clampView, fitPxPerSec, follow, MAX_PX_PER_SEC, panBy, timeToX, xToTime, zoomAt } from '../../src-renderer/src/lib/viewport.js';

const view = { start: 10, pxPerSec: 100, width: 1000 };

test('time and pixels map both ways', () => {
  assert.equal(timeToX(view, 12.5), 250);
  assert.equal(xToTime(view, 250), 12.5);
});

test('zooming keeps the anchor under the same pixel', () => {
  const z = zoomAt(view, 2, 13, 7200);
  assert.equal(z.pxPerSec, 200);
  assert.ok(Math.abs(timeToX(z, 13) - timeToX(view, 13)) < 1e-9);
});

test('zoom stays between the whole movie and the maximum', () => {
  assert.equal(zoomAt(view, 1e-6, 0, 7200).pxPerSec, fitPxPerSec(1000, 7200));
  assert.equal(zoomAt(view, 1e6, 0, 7200).pxPerSec, MAX_PX_PER_SEC);
});

test('panning stops at both ends of the movie', () => {
  assert.equal(panBy(view, -100, 60).start, 0);
  assert.equal(panBy(view, 1000, 60).start, 50);
  assert.equal(clampView({ start: 5, pxPerSec: 10, width: 1000 }, 60).start, 0);
});

test('follow pages only when the time left the window', () => {
  assert.equal(follow(view, 15, 7200), view);
  const f = follow(view, 30, 7200);
  assert.ok(f.start <= 30 && 30 < f.start + 10);
});
