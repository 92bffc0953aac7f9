/**
 * Small layout promises (#13 item 7): the error banner never covers the toolbar, the event menu stays
 * inside the window on the lowest lane, the Models panel leaves the Jobs panel in sight, and job rows
 * name their film. The synthetic project has no media files, so notices appear on their own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../helpers/media.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';
import { missingPrerequisite, openStudio, overlap, rect, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;

before(async () => {
  if (skip) return;
  const project = syntheticProject(tempDir('vs-e2e-layout-'), { movies: 1, seconds: 20 });
  const path = project.path;
  project.close();
  studio = await openStudio(path);
});
after(async () => studio?.close());

test('the error banner sits above the toolbar, not on it', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('error-message').first().waitFor();
  assert.equal(overlap(await rect(page.getByTestId('error-banner')), await rect(page.locator('header.toolbar'))), false);
});

test('the event menu opened on the lowest lane stays inside the window', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await timelineReady(page);
  await page.getByTestId('zoom-fit').click();
  const lanes = await rect(page.getByTestId('event-lanes'));
  const lane = await rect(page.getByTestId('lane-label-laughter'));
  const movie = studio.session.api.project.movies.list()[0];
  const laugh = (await studio.session.api.call('events.list', { movieId: movie.id })).find((e) => e.label === 'laughter');
  assert.ok(laugh, 'the synthetic film has laughter');
  const x = lanes.x + (((laugh.onset + laugh.offset) / 2) * lanes.width) / movie.duration;
  await page.mouse.click(x, lane.y + lane.height / 2, { button: 'right' });
  const menu = await rect(page.getByTestId('event-menu'));
  const view = page.viewportSize()!;
  assert.ok(menu.y >= 0 && menu.y + menu.height <= view.height, `menu ${menu.y}..${menu.y + menu.height} within ${view.height}`);
  assert.ok(menu.x >= 0 && menu.x + menu.width <= view.width);
  await page.keyboard.press('Escape');
});

test('the Models panel leaves the Jobs panel in sight; job rows name their film', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('research').click();
  const panel = await rect(page.getByTestId('research-panel'));
  assert.equal(overlap(panel, await rect(page.getByTestId('jobs-panel'))), false);
  const movie = studio.session.api.project.movies.list()[0];
  const job = await studio.session.api.call('descriptors.compute', { movieId: movie.id });
  const row = page.locator(`[data-testid="job"][data-job-id="${job.id}"]`);
  assert.equal(await row.getByTestId('job-film').textContent(), movie.title);
});

test('the Models and Review panels take turns beside the Jobs column instead of covering each other', { skip: skip ?? false }, async () => {
  const { page } = studio;
  // The test before may have left the Models panel open.
  if ((await page.getByTestId('research').getAttribute('aria-pressed')) !== 'true') await page.getByTestId('research').click();
  await page.getByTestId('research-panel').waitFor();
  await page.getByTestId('review-open').click();
  await page.getByTestId('review-panel').waitFor();
  assert.equal(await page.getByTestId('research-panel').count(), 0, 'opening the review queue closes the Models panel');
  await page.getByTestId('research').click();
  await page.getByTestId('research-panel').waitFor();
  assert.equal(await page.getByTestId('review-panel').count(), 0, 'and the other way round');
  await page.getByTestId('research').click();
});
