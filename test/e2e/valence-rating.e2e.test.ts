/**
 * The researcher's valence workflow in real headless Chromium: rate 10 s of a clip with the keyboard
 * in real time, find the trace after a reload, set a selected range to a constant and undo it, and
 * import a second rater's CARMA export through the lane's import button.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { float32FromBase64 } from '../../src-renderer/src/lib/base64.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { ARTIFACTS, missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;

const movieId = () => studio.session.api.project.movies.list()[0].id;

/** The stored trace of `rater`, 25 Hz, NaN where unrated; null when there is none. */
async function storedTrace(rater: string): Promise<Float32Array | null> {
  const infos = await studio.session.api.call('valence.list', { movieId: movieId() });
  const info = infos.find((i) => i.rater === rater);
  if (!info) return null;
  return float32FromBase64((await studio.session.api.call('valence.get', { seriesId: info.id })).values);
}

const rated = (values: Float32Array) => values.filter((v) => !Number.isNaN(v)).length;

async function waitFor<T>(probe: () => Promise<T | null | false>, what: string, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Drags the Select tool across the valence lane from `from` to `to` seconds (the view fits the film). */
async function selectRange(page: Page, from: number, to: number) {
  await page.getByTestId('zoom-fit').click();
  await page.getByTestId('valence-tool-select').click();
  const lane = (await page.getByTestId('valence-lane').boundingBox())!;
  const duration = studio.session.api.project.movies.list()[0].duration;
  const xAt = (t: number) => lane.x + (t / duration) * lane.width;
  await page.mouse.move(xAt(from), lane.y + lane.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(xAt(from + ((to - from) * i) / 8), lane.y + lane.height / 2);
  await page.mouse.up();
}

const phase = (page: Page) => page.getByTestId('rating-panel').getAttribute('data-phase');
const videoTime = (page: Page) => page.$eval('video', (v) => (v as HTMLVideoElement).currentTime);

before(async () => {
  if (skip) return;
  studio = await openStudio();
});
after(async () => studio?.close());

test('rate 10 s of a clip with the keyboard; the pass is one stored trace', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('import-file-input').setInputFiles(makeClip(tempDir(), { seconds: 16 }));
  await timelineReady(page);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 1);

  await page.getByTestId('rating-open').click();
  await page.getByTestId('rating-rater').fill('alice');
  await page.getByTestId('rating-speed').selectOption('1');
  await page.getByTestId('rating-start').click();
  assert.equal(await page.getByTestId('rating-countdown').innerText(), '3');
  // Space and arrows during the countdown must not start the film or reach the event shortcuts.
  await page.waitForFunction(() => document.querySelector('[data-testid="rating-panel"]')?.getAttribute('data-phase') === 'rating', null, {
    timeout: 6_000,
  });
  assert.ok((await videoTime(page)) < 0.5, 'the film starts after the countdown, from the playhead');

  // Up four times over the first seconds: 0 → 0.2 (class 5).
  for (let i = 0; i < 4; i++) {
    await page.waitForTimeout(700);
    await page.keyboard.press('ArrowUp');
  }
  assert.equal(await page.getByTestId('rating-slider').getAttribute('data-value'), '0.200');
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime >= 5);
  await page.screenshot({ path: join(ARTIFACTS, 'valence-rating-mode.png') });
  // Space pauses the film and so the sampling (film time stands still); space again resumes.
  await page.keyboard.press('Space');
  await waitFor(async () => (await phase(page)) === 'paused', 'the pause');
  const held = await videoTime(page);
  await page.waitForTimeout(400);
  assert.equal(await videoTime(page), held, 'the film stays paused');
  await page.keyboard.press('Space');
  await waitFor(async () => (await phase(page)) === 'rating', 'the resume');
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime >= 10, null, { timeout: 15_000 });
  await page.keyboard.press('Escape');
  await waitFor(async () => (await phase(page)) === 'setup', 'the pass to be stored');

  const values = await waitFor(() => storedTrace('alice'), 'the trace');
  const n = rated(values);
  assert.ok(n >= 245 && n <= 275, `about 250 rated frames, got ${n}`);
  assert.equal(values[0], 0, 'the pass starts at frame 0 with the slider at 0');
  assert.ok(Math.abs(values[n - 1] - 0.2) < 1e-6, 'and ends where the keys left the slider');
  assert.ok(values.slice(0, n).every((v, i) => i === 0 || v >= values[i - 1]), 'only ↑ was pressed: the trace never falls');
  assert.equal(await page.getByTestId('undo').isEnabled(), true, 'the pass is an undoable step');
});

test('after a reload the lane lists the rater and draws the trace', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.reload();
  await timelineReady(page);
  const item = page.locator('[data-testid="trace-item"][data-kind="rater"][data-name="alice"]');
  await item.waitFor();
  assert.equal(await page.getByTestId('valence-lane').getAttribute('data-curves'), '1');
  // The readout at the playhead (0 s) shows alice's first value and its class.
  assert.match(await page.locator('[data-testid="readout-row"][data-key="rater:alice"] [data-testid="readout-playhead"]').innerText(), /\+0\.00 \(4\)/);
});

test('set a selected range to a constant, then undo it', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const before = (await storedTrace('alice'))!;
  await selectRange(page, 2, 6);
  assert.notEqual(await page.getByTestId('valence-lane').getAttribute('data-range'), '');

  await page.getByTestId('valence-rater').fill('alice');
  await page.getByTestId('valence-constant').fill('-0.5');
  await page.getByTestId('valence-set-constant').click();
  const edited = await waitFor(async () => {
    const v = await storedTrace('alice');
    return v && v[100] === -0.5 ? v : null;
  }, 'the constant to be stored');
  const changed = Array.from(edited).filter((v, i) => !Object.is(v, before[i])).length;
  assert.ok(changed >= 95 && changed <= 105, `about 4 s (100 frames) set, got ${changed}`);
  assert.equal(edited[25], before[25], 'outside the range stays');

  await page.getByTestId('undo').click();
  const undone = await waitFor(async () => {
    const v = await storedTrace('alice');
    return v && v[100] === before[100] ? v : null;
  }, 'the undo');
  assert.deepEqual(Array.from(undone), Array.from(before), 'undo brings the values back');
  assert.deepEqual(studio.pageErrors, [], 'no errors in the page console');
});

test('re-rating a selected range at 0.5× with a gamepad replaces only that range', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const before = (await storedTrace('alice'))!;
  // A stand-in pad: the app polls navigator.getGamepads each animation frame, as with a real one.
  // (A string: tsx would wrap a function's inner names in a helper the page does not have.)
  await page.evaluate(`
    window.pad = { connected: true, axes: [0, 0] };
    Object.defineProperty(navigator, 'getGamepads', { configurable: true, value: () => [window.pad] });
  `);
  await selectRange(page, 4, 5);
  await page.getByTestId('rating-open').click();
  await page.getByTestId('rating-rater').fill('alice');
  await page.getByTestId('rating-speed').selectOption('0.5');
  await page.getByTestId('rating-start').click();
  assert.match(await page.getByTestId('rating-stretch').innerText(), /0:04\.0–0:05\.0/);
  // Stick pushed up during the countdown: valence +0.8 for the whole pass.
  await page.evaluate('window.pad.axes = [0, -0.8]');
  await page.waitForFunction(() => document.querySelector('[data-testid="rating-slider"]')?.getAttribute('data-value') === '0.800');
  await page.waitForFunction(() => document.querySelector('[data-testid="rating-panel"]')?.getAttribute('data-phase') === 'rating', null, { timeout: 6_000 });
  assert.equal(await page.$eval('video', (v) => (v as HTMLVideoElement).playbackRate), 0.5);
  // The pass ends by itself at the end of the range (2 s of wall time at 0.5×).
  await waitFor(async () => (await phase(page)) === 'setup', 'the pass to end at the range end', 8_000);
  const after = await waitFor(async () => {
    const v = await storedTrace('alice');
    return v && Math.abs(v[110] - 0.8) < 1e-6 ? v : null;
  }, 'the re-rated range');
  for (let k = 0; k < before.length; k++) {
    const expected = k >= 100 && k < 125 ? 0.8 : before[k];
    assert.ok(Object.is(after[k], expected) || Math.abs(after[k] - expected) < 1e-6, `frame ${k}: ${after[k]} (expected ${expected})`);
  }
  assert.equal(await page.$eval('video', (v) => (v as HTMLVideoElement).playbackRate), 1, 'speed back to normal');
  await page.getByTestId('rating-speed').selectOption('1');
});

test('draw a new rater’s curve with the pointer, smooth it, delete it, undo the delete', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('valence-rater').fill('carol');
  await page.getByTestId('valence-tool-draw').click();
  const lane = (await page.getByTestId('valence-lane').boundingBox())!;
  const duration = studio.session.api.project.movies.list()[0].duration;
  const xAt = (t: number) => lane.x + (t / duration) * lane.width;
  const yAt = (v: number) => lane.y + ((1 - v) / 2) * lane.height;
  // A ramp from −0.5 at 8 s to +0.5 at 12 s, in a few pointer moves.
  await page.mouse.move(xAt(8), yAt(-0.5));
  await page.mouse.down();
  for (let i = 1; i <= 4; i++) await page.mouse.move(xAt(8 + i), yAt(-0.5 + i / 4));
  await page.mouse.up();
  const drawn = await waitFor(() => storedTrace('carol'), "carol's trace");
  const first = drawn.findIndex((v) => !Number.isNaN(v));
  assert.ok(Math.abs(first - 200) <= 2, `starts at 8 s, frame ${first}`);
  assert.ok(Math.abs(drawn[250] - 0) < 0.05, `interpolated between pointer samples: ${drawn[250]} at 10 s`);
  assert.ok(drawn.slice(first, 300).every((v, i, a) => i === 0 || v >= a[i - 1] - 1e-6), 'a rising ramp');

  await page.getByTestId('valence-tool-select').click();
  await selectRange(page, 8, 12);
  await page.getByTestId('valence-radius').fill('25');
  await page.getByTestId('valence-smooth').click();
  const smoothed = await waitFor(async () => {
    const v = await storedTrace('carol');
    return v && v[first] !== drawn[first] ? v : null;
  }, 'the smoothing');
  assert.ok(smoothed[first] > drawn[first], 'the low end is pulled up by its neighbours');

  await page.locator('[data-testid="trace-item"][data-name="carol"] [data-testid="trace-delete"]').click();
  await waitFor(async () => (await storedTrace('carol')) === null || null, 'the delete');
  await page.locator('[data-testid="trace-item"][data-name="carol"]').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+z');
  const back = await waitFor(() => storedTrace('carol'), 'the undo of the delete');
  assert.deepEqual(Array.from(back), Array.from(smoothed));
  await page.locator('[data-testid="trace-item"][data-name="carol"]').waitFor();
});

test('import a second rater’s CARMA export through the lane; the mean and the agreement appear', { skip: skip ?? false }, async () => {
  const { page } = studio;
  // CARMA's layout (src-main/valence/formats/carma.ts): nine header rows, then one averaged rating per
  // 1-second bin, labelled with the second the bin ends, on the file's own −100..100 scale.
  const rows = Array.from({ length: 12 }, (_, i) => `${i + 1},${-60 + 10 * (i + 1)}`);
  const header = ['Time of Rating,13-Dec-2021 07:36:40', 'Multimedia File,clip.mp4', 'Lower Label,very negative', 'Upper Label,very positive',
    'Minimum Value,-100', 'Maximum Value,100', 'Number of Steps,9', 'Second,Rating', '%%%%%%,%%%%%%'];
  const file = join(tempDir(), 'bob-carma.csv');
  writeFileSync(file, [...header, ...rows].join('\n') + '\n');

  await page.getByTestId('valence-import-open').click();
  await page.getByTestId('valence-import-rater').fill('bob');
  await page.getByTestId('valence-import-format').selectOption('carma');
  await page.getByTestId('valence-import-input').setInputFiles(file);
  const bob = await waitFor(() => storedTrace('bob'), "bob's imported trace");
  // Bins centred on 3.5 s (−20) and 4.5 s (−10): 4 s (frame 100) lies halfway, −15 on −100..100.
  assert.ok(Math.abs(bob[100] + 0.15) < 1e-3, `frame 100 = ${bob[100]}`);
  assert.match(await page.getByTestId('valence-message').innerText(), /Imported bob from bob-carma\.csv/);

  await page.locator('[data-testid="trace-item"][data-name="bob"]').waitFor();
  await page.locator('[data-testid="trace-item"][data-kind="mean"]').waitFor();
  await page.getByTestId('agreement-panel').waitFor();
  assert.match(await page.getByTestId('agreement-panel').innerText(), /3 raters/, 'alice, bob and carol');
  for (const key of ['cronbach_alpha', 'icc_2_1', 'icc_2_k', 'icc_3_1', 'icc_3_k', 'krippendorff_alpha_interval', 'mean_pairwise_ccc', 'mean_pairwise_pearson']) {
    assert.match(await page.getByTestId(`agreement-${key}`).innerText(), /^(−|-)?\d\.\d{3}$|^—$/, key);
  }

  // The mean is read-only: picking it to edit says so, and the rater being edited stays.
  await page.getByTestId('valence-rater').fill('alice');
  await page.locator('[data-testid="trace-item"][data-kind="mean"] [data-testid="trace-name"]').click();
  assert.match(await page.getByTestId('valence-message').innerText(), /cannot be edited/);
  assert.equal(await page.getByTestId('valence-rater').inputValue(), 'alice');

  // Hovering the lane reads every visible curve under the pointer.
  const lane = (await page.getByTestId('valence-lane').boundingBox())!;
  const duration = studio.session.api.project.movies.list()[0].duration;
  await page.mouse.move(lane.x + (4 / duration) * lane.width, lane.y + 20);
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-key="rater:bob"] [data-testid="readout-pointer"]')?.textContent ?? ''));
  assert.match(await page.locator('[data-key="rater:bob"] [data-testid="readout-pointer"]').innerText(), /−0\.1[45] \(3\)/);
  await page.screenshot({ path: join(ARTIFACTS, 'valence-raters-lane.png') });

  // And the mean goes out as a plain CSV, one row per 25 Hz frame.
  await page.getByTestId('valence-export-who').selectOption('');
  await page.getByTestId('valence-export-format').selectOption('csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('valence-export').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  assert.match(text, /^time,valence\n/);
  assert.deepEqual(studio.pageErrors, [], 'no errors in the page console');
});
