/**
 * The jobs panel: a job interrupted by a crash shows as such after the next launch and restarts from the
 * panel; an import can be cancelled from it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tryAcquireLease } from '../../src-main/store/lease.js';
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

test('an import waiting in the queue can be cancelled from the panel', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const movies = studio.session.api.project.movies.list().length;
  const jobsBefore = studio.session.api.project.jobs.list().length;
  // The project's job lease, held here as another process would hold it, keeps both imports waiting
  // until Cancel is clicked: a fast first import cannot finish and start the second too early.
  const held = tryAcquireLease(studio.session.project.path, 'the test');
  assert.ok('release' in held);
  const input = page.getByTestId('import-file-input');
  await input.setInputFiles(makeClip(dir, { seconds: 90, name: 'long-a.mp4' }));
  await input.setInputFiles(makeClip(dir, { seconds: 90, name: 'long-b.mp4' }));
  const jobs = studio.session.api.project.jobs;
  for (let i = 0; i < 300 && jobs.list().length < jobsBefore + 2; i++) await new Promise((r) => setTimeout(r, 100));
  const second = jobs.list()[0];
  assert.equal(jobs.list().length, jobsBefore + 2, 'both imports were queued');
  const row = page.locator(`[data-testid="job"][data-job-id="${second.id}"]`);
  await row.and(page.locator('[data-state="queued"], [data-state="running"]')).waitFor({ timeout: 30_000 });
  await row.getByTestId('job-cancel').click({ timeout: 30_000 });
  await row.and(page.locator('[data-state="cancelled"]')).waitFor({ timeout: 30_000 });
  held.release();
  await studio.session.api.jobs.whenIdle();
  assert.equal(studio.session.api.project.movies.list().length, movies + 1, 'only the first import landed');
  assert.ok(await row.getByTestId('job-restart').isVisible(), 'a cancelled job can be restarted');
});
