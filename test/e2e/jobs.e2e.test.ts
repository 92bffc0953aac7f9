/**
 * The jobs panel: a job interrupted by a crash shows as such after the next launch and restarts from the
 * panel; a running import can be cancelled from it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Project } from '../../src-main/store/project.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
const dir = tempDir();
let studio: Studio;
let crashedJob = 0;

before(async () => {
  if (skip) return;
  // A process killed mid-import: the row says running and no movie was written.
  const path = join(dir, 'crash.vsproj');
  const p = Project.open(path);
  const job = p.jobs.create('import-movie', { path: makeClip(dir, { seconds: 2 }) });
  p.jobs.update(job.id, { state: 'running', progress: 0.4, message: 'decoding the soundtrack' });
  p.close();
  crashedJob = job.id;
  studio = await openStudio(path);
});
after(async () => studio?.close());

test('an interrupted job shows as interrupted and restarts from the panel', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const row = page.locator(`[data-testid="job"][data-job-id="${crashedJob}"]`);
  await row.and(page.locator('[data-state="interrupted"]')).waitFor();
  await row.getByTestId('job-restart').click();
  await row.and(page.locator('[data-state="done"]')).waitFor({ timeout: 30_000 });
  await timelineReady(page);
  assert.equal(studio.session.api.project.movies.list().length, 1);
});

test('a running import can be cancelled from the panel', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const movies = studio.session.api.project.movies.list().length;
  await page.getByTestId('import-file-input').setInputFiles(makeClip(dir, { seconds: 90, name: 'long.mp4' }));
  const row = page.locator('[data-testid="job"]').first();
  await row.getByTestId('job-cancel').click({ timeout: 30_000 });
  await row.and(page.locator('[data-state="cancelled"]')).waitFor({ timeout: 30_000 });
  await studio.session.api.jobs.whenIdle();
  assert.equal(studio.session.api.project.movies.list().length, movies, 'nothing imported');
  assert.ok(await row.getByTestId('job-restart').isVisible(), 'a cancelled job can be restarted');
});
