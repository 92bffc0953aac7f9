/**
 * The timeline in real headless Chromium against browser mode: import a clip, see the waveform and the
 * lanes, seek, play and pause, create/move/delete an event, undo, reload and find the edits kept.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeClip, SHARED_DIR, tempDir } from '../helpers/media.js';
import { ARTIFACTS, missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
const sharedClip = join(SHARED_DIR, 'data', 'video', 'movie-hello.mp4');
let studio: Studio;

/** Lane geometry as the renderer lays it out (lib/lanes.ts): a 16 px group header, then 22 px lanes. */
const laneCenterY = (box: { y: number }, index: number) => box.y + 16 + index * 22 + 11 + (index >= 4 ? 16 : 0);

const box = async (page: Page, testId: string) => {
  const b = await page.getByTestId(testId).boundingBox();
  assert.ok(b, `${testId} is on screen`);
  return b;
};
const videoTime = (page: Page) => page.$eval('video', (v) => (v as HTMLVideoElement).currentTime);
const eventCount = async (page: Page) => Number(await page.getByTestId('event-lanes').getAttribute('data-event-count'));
const waitCount = (page: Page, n: number) =>
  page.waitForSelector(`[data-testid="event-lanes"][data-event-count="${n}"]`, { timeout: 10_000 });
const movieId = () => studio.session.api.project.movies.list()[0].id;
const storedEvents = () => studio.session.api.call('events.list', { movieId: movieId() });

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
  await page.mouse.up();
}

before(async () => {
  if (skip) return;
  studio = await openStudio();
});
after(async () => studio?.close());

test('import a clip, see the waveform and the lanes', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const clip = existsSync(sharedClip) ? sharedClip : makeClip(tempDir(), { seconds: 8 });
  await page.getByTestId('import-file-input').setInputFiles(clip);
  await timelineReady(page);
  await page.waitForSelector('[data-testid="waveform"][data-ready="true"]');
  assert.equal(await page.getByTestId('movie-picker').locator('option').count(), 1);
  for (const label of ['speech_male', 'speech_female', 'crowd', 'singing', 'shouting', 'crying', 'breathing', 'laughter']) {
    assert.ok(await page.getByTestId(`lane-label-${label}`).isVisible(), `${label} lane`);
  }
  assert.ok(await page.getByTestId('lane-group-verbal').isVisible());
  assert.ok(await page.getByTestId('lane-group-nonverbal').isVisible());
  // The waveform is drawn: wavesurfer's canvas (in its shadow root) has opaque pixels.
  const inked = await page.$eval('[data-testid="waveform"] > div', (host) => {
    const canvas = host.firstElementChild?.shadowRoot?.querySelector('canvas');
    if (!canvas) return 0;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  assert.ok(inked > 1000, `waveform pixels drawn: ${inked}`);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 1);
});

test('clicking the timeline seeks the video', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const wave = await box(page, 'waveform-track');
  const before = await videoTime(page);
  await page.mouse.click(wave.x + wave.width * 0.5, wave.y + wave.height / 2);
  await page.waitForFunction((t) => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - t) > 1, before);
  const duration = studio.session.api.project.movies.list()[0].duration;
  assert.ok(Math.abs((await videoTime(page)) - duration / 2) < 0.5, 'seeked to the middle');
});

test('space plays and pauses', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const start = await videoTime(page);
  await page.keyboard.press('Space');
  await page.waitForFunction((t) => {
    const v = document.querySelector('video') as HTMLVideoElement;
    return !v.paused && v.currentTime > t + 0.2;
  }, start);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).paused);
  const stopped = await videoTime(page);
  await page.waitForTimeout(300);
  assert.equal(await videoTime(page), stopped, 'stays paused');

  // Arrows step one frame of the movie's frame rate, on the frame grid.
  const fps = studio.session.api.project.movies.list()[0].fps ?? 25;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  const frame = Math.round(stopped * fps) + 1;
  await page.waitForFunction((t) => Math.abs((document.querySelector('video') as HTMLVideoElement).currentTime - t) < 1e-3, frame / fps);
});

test('create, move and delete an event, undo, and find the edits after a reload', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('zoom-fit').click();
  const lanes = await box(page, 'event-lanes');
  const y = laneCenterY(lanes, 0);

  // Create on the speech_male lane.
  await drag(page, { x: lanes.x + lanes.width * 0.2, y }, { x: lanes.x + lanes.width * 0.35, y });
  await waitCount(page, 1);
  await page.waitForFunction(async () => true);
  let [created] = await waitForStored(1);
  assert.equal(created.label, 'speech_male');
  assert.equal(created.source, 'human');

  // Move it right by 10% of the width and down to the crowd lane (relabel by dragging).
  const mid = lanes.x + lanes.width * 0.275;
  await drag(page, { x: mid, y }, { x: mid + lanes.width * 0.1, y: laneCenterY(lanes, 2) });
  const moved = await waitFor(async () => {
    const [e] = await storedEvents();
    return e && e.label === 'crowd' && e.onset > created.onset ? e : null;
  });
  const duration = studio.session.api.project.movies.list()[0].duration;
  assert.ok(Math.abs(moved.onset - created.onset - duration * 0.1) < duration * 0.02, 'moved by the drag distance');
  assert.ok(Math.abs(moved.offset - moved.onset - (created.offset - created.onset)) < 1e-6, 'length kept');
  assert.match((await page.getByTestId('selection-info').textContent()) ?? '', /crowd/);

  // Delete it, then undo the delete.
  await page.keyboard.press('Delete');
  await waitCount(page, 0);
  await waitForStored(0);
  await page.keyboard.press('Control+z');
  await waitCount(page, 1);
  [created] = await waitForStored(1);
  assert.deepEqual({ ...created }, { ...moved }, 'undo brings the moved event back');

  await page.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).seeking);
  await page.screenshot({ path: join(ARTIFACTS, 'timeline.png') });

  // A reload (no token in the URL any more: it came from sessionStorage/cookie) shows the same event.
  await page.reload();
  await timelineReady(page);
  await waitCount(page, 1);
  assert.equal(await page.getByTestId('undo').isEnabled(), true, 'undo history survives the reload');
  assert.deepEqual(studio.pageErrors, [], 'no errors in the page console');
});

async function waitFor<T>(probe: () => Promise<T | null>, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const waitForStored = (n: number) => waitFor(async () => ((await storedEvents()).length === n ? storedEvents() : null));

test('Ctrl+wheel zooms at the pointer, dragging the ruler pans', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const timeline = page.getByTestId('timeline');
  const pxPerSec = async () => Number(await timeline.getAttribute('data-px-per-sec'));
  const viewStart = async () => Number(await timeline.getAttribute('data-view-start'));
  await page.getByTestId('zoom-fit').click();
  const fit = await pxPerSec();
  const wave = await box(page, 'waveform-track');
  await page.mouse.move(wave.x + wave.width / 2, wave.y + 10);
  await page.keyboard.down('Control');
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -120);
  await page.keyboard.up('Control');
  await page.waitForFunction((f) => Number(document.querySelector('[data-testid="timeline"]')!.getAttribute('data-px-per-sec')) > f * 2, fit);
  const start = await viewStart();
  assert.ok(start > 0, 'zoomed around the pointer, not the left edge');
  const ruler = await box(page, 'time-ruler');
  const time = await videoTime(page);
  await drag(page, { x: ruler.x + ruler.width / 2, y: ruler.y + 10 }, { x: ruler.x + ruler.width / 2 - 200, y: ruler.y + 10 });
  assert.ok(Math.abs((await viewStart()) - start - 200 / (await pxPerSec())) < 0.05, 'panned by the drag distance');
  assert.equal(await videoTime(page), time, 'a ruler drag does not seek');
  await page.keyboard.press('-');
  await page.waitForFunction((s) => Number(document.querySelector('[data-testid="timeline"]')!.getAttribute('data-view-start')) !== s, start);
});

test('event lists import from and export to TSV', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const before = await eventCount(page);
  const file = join(tempDir(), 'labels.tsv');
  writeFileSync(file, '1.000\t2.000\tlaughter\n3.000\t4.500\tcrying\n');
  await page.getByTestId('events-import-input').setInputFiles(file);
  await waitCount(page, before + 2);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('events-export').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  assert.match(text, /^1(\.0+)?\t2(\.0+)?\tlaughter$/m);
  assert.match(text, /^3(\.0+)?\t4\.50*\tcrying$/m);
  assert.deepEqual(studio.pageErrors, []);
});

test('Shift-drag selects a group; 8 relabels it; Ctrl+Z undoes the relabel', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('zoom-fit').click();
  const lanes = await box(page, 'event-lanes');
  const duration = studio.session.api.project.movies.list()[0].duration;
  const xAt = (t: number) => lanes.x + (t / duration) * lanes.width;
  // The TSV import above put laughter at 1–2 s and crying at 3–4.5 s; the first test's event is later.
  await page.keyboard.down('Shift');
  await drag(page, { x: xAt(0.5), y: laneCenterY(lanes, 4) }, { x: xAt(4.8), y: laneCenterY(lanes, 7) });
  await page.keyboard.up('Shift');
  await page.waitForSelector('[data-testid="selection-info"][data-count="2"]');
  const grouped = (await storedEvents()).filter((e) => e.label === 'laughter' || e.label === 'crying').map((e) => e.id);
  assert.equal(grouped.length, 2);
  await page.keyboard.press('8');
  await waitFor(async () => {
    const labels = (await storedEvents()).filter((e) => grouped.includes(e.id)).map((e) => e.label);
    return labels.every((l) => l === 'laughter') ? true : null;
  });
  await page.keyboard.press('Control+z');
  await waitFor(async () => ((await storedEvents()).some((e) => e.label === 'crying') ? true : null));
});

test('resize by dragging an edge; relabel from the context menu', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('zoom-fit').click();
  const lanes = await box(page, 'event-lanes');
  const duration = studio.session.api.project.movies.list()[0].duration;
  const xAt = (t: number) => lanes.x + (t / duration) * lanes.width;
  const target = (await storedEvents()).find((e) => e.label === 'crowd')!;
  const y = laneCenterY(lanes, 2);
  await drag(page, { x: xAt(target.offset) - 1, y }, { x: xAt(target.offset) + 60, y });
  const resized = await waitFor(async () => {
    const e = (await storedEvents()).find((x) => x.id === target.id)!;
    return e.offset > target.offset ? e : null;
  });
  assert.equal(resized.onset, target.onset, 'the other edge stays');
  assert.ok(Math.abs(resized.offset - target.offset - (61 / lanes.width) * duration) < 0.05, 'offset follows the pointer');

  await page.mouse.click(xAt((resized.onset + resized.offset) / 2), y, { button: 'right' });
  await page.getByTestId('event-menu').waitFor();
  await page.getByTestId('relabel-singing').click();
  await waitFor(async () => ((await storedEvents()).find((x) => x.id === target.id)?.label === 'singing' ? true : null));
  assert.equal(await page.getByTestId('event-menu').count(), 0, 'the menu closes');
  assert.deepEqual(studio.pageErrors, []);
});
