/**
 * The review queue panel (#13 item 5) in real headless Chromium: it lists the uncertain segments of
 * every film worst first, leaves the toolbar, the Jobs panel and the timeline in sight, and the
 * keyboard flow works: J/K move, Enter opens the segment's film and plays from it, A accepts (a human
 * event appears on the timeline), R rejects, a digit relabels, and Ctrl+Z (the timeline's undo) puts a
 * verdict back in the list. With SCREENSHOT_DIR set, a screenshot of the panel is written there.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeClip, tempDir } from '../helpers/media.js';
import { REVIEW_FILM_SECONDS, reviewProject } from '../helpers/review-project.js';
import { missingPrerequisite, openStudio, overlap, rect, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;
let films: number[];

before(async () => {
  if (skip) return;
  const clip = makeClip(tempDir('vs-e2e-review-clip-'), { seconds: REVIEW_FILM_SECONDS });
  const made = await reviewProject({ analysed: 2, unanalysed: 0, mediaPath: clip });
  films = made.films;
  studio = await openStudio(made.path);
  await timelineReady(studio.page);
});
after(async () => studio?.close());

const rows = (page: Page) => page.getByTestId('review-row');
/** "movieId label start" of each listed row, in order. */
const listed = (page: Page) =>
  rows(page).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-movie-id')} ${e.getAttribute('data-label')} ${e.getAttribute('data-start')}`));
const current = (page: Page) => page.locator('[data-testid="review-row"][aria-selected="true"]').getAttribute('data-label');
const waitRows = (page: Page, n: number) => page.waitForFunction((k) => document.querySelectorAll('[data-testid="review-row"]').length === k, n);
const waitEvents = (page: Page, n: number) => page.waitForSelector(`[data-testid="event-lanes"][data-event-count="${n}"]`, { timeout: 10_000 });

test('the panel lists segments across films worst first, beside the toolbar, the Jobs panel and the timeline', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('review-open').click();
  await waitRows(page, 4);
  const [a, b] = films;
  assert.deepEqual(await listed(page), [`${a} crying 4`, `${b} crying 4`, `${a} shouting 14`, `${b} shouting 14`]);
  const first = rows(page).first();
  assert.equal(await first.getByTestId('review-film').textContent(), 'film 1');
  assert.equal(await first.getByTestId('review-time').textContent(), '0:04.0–0:06.0');
  assert.match((await first.getByTestId('review-score').textContent()) ?? '', /^(0\.9\d|1\.00)$/);
  assert.equal(await current(page), 'crying');
  assert.match((await page.getByTestId('review-summary').textContent()) ?? '', /4 waiting, 0 decided/);

  const panel = await rect(page.getByTestId('review-panel'));
  for (const other of [page.locator('header.toolbar'), page.getByTestId('jobs-panel'), page.getByTestId('timeline')]) {
    assert.equal(overlap(panel, await rect(other)), false, `the panel leaves ${await other.getAttribute('data-testid') ?? 'the toolbar'} uncovered`);
  }
  if (process.env.SCREENSHOT_DIR) {
    mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'review-queue.png') });
  }
});

test('keyboard: move, play across films, accept, reject, relabel, and undo puts a verdict back', { skip: skip ?? false }, async () => {
  const { page, session } = studio;
  const [a, b] = films;
  const api = session.api;
  await page.getByTestId('review-list').focus();

  await page.keyboard.press('j');
  assert.equal(await rows(page).nth(1).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('k');
  assert.equal(await rows(page).nth(0).getAttribute('aria-selected'), 'true');

  // The last film is open at start; Enter on film 1's segment opens film 1 and plays from just before it.
  assert.equal(await page.getByTestId('movie-picker').inputValue(), String(b));
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => (document.querySelector('[data-testid="movie-picker"]') as HTMLSelectElement).value === String(id), a);
  await page.waitForFunction(() => (document.querySelector('[data-testid="video"] video, video') as HTMLVideoElement).currentTime >= 3.4, undefined, { timeout: 15_000 });
  await timelineReady(page);
  await waitEvents(page, 2);

  // A: film 1's crying becomes a human event on the timeline; the next row (film 2's crying) is highlighted.
  await page.keyboard.press('a');
  await waitEvents(page, 3);
  const made = (await api.call('events.list', { movieId: a })).filter((e) => e.source === 'human');
  assert.deepEqual(made.map((e) => [e.label, e.onset, e.offset]), [['crying', 4, 6]]);
  await waitRows(page, 3);
  assert.equal(await rows(page).first().getAttribute('data-movie-id'), String(b));
  assert.equal(await current(page), 'crying');

  // R: film 2's detected crying (3–8 s) loses 4–6 s.
  await page.keyboard.press('r');
  await waitRows(page, 2);
  const cut = (await api.call('events.list', { movieId: b })).filter((e) => e.label === 'crying').map((e) => [e.onset, e.offset]);
  assert.deepEqual(cut, [[3, 4], [6, 8]]);
  // Film 1 is open, the verdict was on film 2: the undo button still names it.
  await page.waitForFunction(() => /reject crying/.test(document.querySelector('[data-testid="undo"]')?.getAttribute('title') ?? ''));

  // 8 relabels film 1's shouting as laughter (the eighth class).
  assert.equal(await current(page), 'shouting');
  await page.keyboard.press('8');
  await waitEvents(page, 4);
  await waitRows(page, 1);
  assert.ok((await api.call('events.list', { movieId: a })).some((e) => e.source === 'human' && e.label === 'laughter' && e.onset === 14 && e.offset === 15));

  // Ctrl+Z is the timeline's: the relabel is undone and its segment comes back.
  await page.keyboard.press('Control+z');
  await waitRows(page, 2);
  await waitEvents(page, 3);
  assert.match((await page.getByTestId('review-summary').textContent()) ?? '', /2 waiting, 2 decided/);
});
