/**
 * Everyday tools in real headless Chromium: import two clips at once from the picker, change the
 * playback speed from the toolbar and the keyboard (pitch kept, a rating pass hands the speed back),
 * open and close the shortcut help, and remove a film through its confirmation.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeClip, tempDir } from '../helpers/media.js';
import { ARTIFACTS, missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;

const media = (page: Page) =>
  page.$eval('video', (v) => ({ rate: (v as HTMLVideoElement).playbackRate, pitch: (v as HTMLVideoElement).preservesPitch }));
const waitRate = (page: Page, rate: number) =>
  page.waitForFunction((r) => (document.querySelector('video') as HTMLVideoElement).playbackRate === r, rate, { timeout: 5_000 });
const titles = () => studio.session.api.project.movies.list().map((m) => m.title);

before(async () => {
  if (skip) return;
  studio = await openStudio();
});
after(async () => studio?.close());

test('two clips picked at once become two films, one job each', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const dir = tempDir();
  const clips = [makeClip(dir, { seconds: 3, name: 'first.mp4' }), makeClip(dir, { seconds: 4, name: 'second.mp4' })];
  assert.equal(await page.getByTestId('import-file-input').getAttribute('multiple'), '');
  await page.getByTestId('import-file-input').setInputFiles(clips);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="movie-picker"] option').length === 2, null, { timeout: 60_000 });
  assert.deepEqual(titles().sort(), ['first', 'second']);
  const imports = (await studio.session.api.call('jobs.list', {})).filter((j) => j.kind === 'import-movie');
  assert.equal(imports.length, 2);
  await timelineReady(page);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).readyState >= 1);
});

test('speed from the toolbar and the keyboard, pitch kept', { skip: skip ?? false }, async () => {
  const { page } = studio;
  assert.deepEqual(await media(page), { rate: 1, pitch: true });
  const speed = page.getByTestId('speed');
  assert.deepEqual(await speed.locator('option').allInnerTexts(), ['0.25×', '0.5×', '0.75×', '1×', '1.25×', '1.5×', '2×', '3×', '4×']);
  await speed.selectOption('0.25');
  await waitRate(page, 0.25);
  await speed.blur();
  await page.keyboard.press(']');
  await waitRate(page, 0.5);
  assert.equal(await speed.inputValue(), '0.5', 'the toolbar shows the keyboard speed');
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await waitRate(page, 0.25);
  await page.keyboard.press('\\');
  await waitRate(page, 1);
  for (let i = 0; i < 9; i++) await page.keyboard.press(']');
  await waitRate(page, 4);
  assert.equal(await speed.inputValue(), '4');
  assert.deepEqual(await media(page), { rate: 4, pitch: true });
});

test('a rating pass plays at its own speed and hands the chosen speed back', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('speed').selectOption('2');
  await page.getByTestId('rating-open').click();
  await page.getByTestId('rating-rater').fill('alice');
  await page.getByTestId('rating-speed').selectOption('0.5');
  await page.getByTestId('rating-start').click();
  await waitRate(page, 0.5);
  assert.ok(await page.getByTestId('speed').isDisabled(), 'the toolbar speed waits while the pass runs');
  await page.keyboard.press('Escape');
  await waitRate(page, 2);
  assert.equal(await page.getByTestId('speed').inputValue(), '2');
});

test('? lists the shortcuts, Escape and ? close the list', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.locator('body').click({ position: { x: 5, y: 880 } });
  await page.keyboard.press('?');
  const help = page.getByTestId('shortcut-help');
  await help.waitFor({ state: 'visible' });
  const text = await help.innerText();
  for (const line of ['Slower playback speed', 'Faster playback speed', 'Undo', 'Redo', 'Play or pause']) assert.ok(text.includes(line), line);
  assert.ok(text.includes('Ctrl/⌘ + Z'));
  await page.screenshot({ path: join(ARTIFACTS, 'shortcut-help.png') });
  // The list owns the keys: ] does not change the speed behind it.
  const before = (await media(page)).rate;
  await page.keyboard.press(']');
  assert.equal((await media(page)).rate, before);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  await page.keyboard.press('?');
  await help.waitFor({ state: 'visible' });
  await page.keyboard.press('?');
  await help.waitFor({ state: 'detached' });
});

test('removing a film asks first, names it, and leaves the file on disk', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const current = await page.getByTestId('movie-picker').locator('option:checked').innerText();
  const film = studio.session.api.project.movies.list().find((m) => m.title === current)!;
  await page.getByTestId('remove-film').click();
  const dialog = page.getByTestId('remove-film-dialog');
  await dialog.waitFor({ state: 'visible' });
  const text = await dialog.innerText();
  assert.ok(text.includes(`“${current}”`), 'names the film');
  assert.match(text, /sound events?/);
  assert.match(text, /valence traces?/);
  assert.match(text, /descriptors/);
  assert.match(text, /stays on disk/);
  assert.match(text, /cannot be undone/);
  await page.getByTestId('remove-film-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(titles().length, 2, 'cancel keeps the film');

  await page.getByTestId('remove-film').click();
  await page.getByTestId('remove-film-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="movie-picker"] option').length === 1);
  assert.deepEqual(titles(), [current === 'first' ? 'second' : 'first']);
  assert.ok(existsSync(film.path), 'the film file stays');
  assert.equal(await page.getByTestId('movie-picker').locator('option').innerText(), titles()[0]);
  assert.deepEqual(studio.pageErrors, []);
});
