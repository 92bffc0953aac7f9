/**
 * Bad files imported through the browser UI: each shows its reason in the error banner and leaves the
 * project without a movie. An audio-only file imports and shows a placeholder instead of a picture.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeClip, makeWav, tempDir, truncateCopy } from '../helpers/media.js';
import { missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;
const dir = tempDir();

const cases: Record<string, { make: () => string; reason: RegExp }> = {
  'zero-byte file': { make: () => (writeFileSync(join(dir, 'empty.mp4'), ''), join(dir, 'empty.mp4')), reason: /empty \(0 bytes\)/ },
  'text file renamed .mp4': {
    make: () => (writeFileSync(join(dir, 'notes.mp4'), 'This is not a movie.\n'.repeat(50)), join(dir, 'notes.mp4')),
    reason: /not a media file ffmpeg can read/,
  },
  'truncated mp4': { make: () => truncateCopy(makeClip(dir, { seconds: 4 }), join(dir, 'cut.mp4'), 0.5), reason: /truncated or damaged/ },
  'video without audio': { make: () => makeClip(dir, { name: 'silent.mp4', audio: false }), reason: /has no audio track/ },
};

before(async () => {
  if (skip) return;
  studio = await openStudio();
});
after(async () => studio?.close());

for (const [name, { make, reason }] of Object.entries(cases)) {
  test(`${name}: the banner says why, nothing is imported`, { skip: skip ?? false }, async () => {
    const { page } = studio;
    const file = make();
    await page.getByTestId('import-file-input').setInputFiles(file);
    const message = page.getByTestId('error-message').filter({ hasText: reason });
    await message.waitFor({ timeout: 20_000 });
    assert.match((await message.textContent()) ?? '', new RegExp(file.split('/').pop()!.replace('.', '\\.')), 'names the file');
    assert.deepEqual(studio.session.api.project.movies.list(), []);
    assert.equal(await page.getByTestId('movie-picker').locator('option').first().textContent(), 'No movies yet');
    await message.getByTestId('error-dismiss').click();
    await message.waitFor({ state: 'detached' });
  });
}

test('an audio-only file imports as a movie without picture', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('import-file-input').setInputFiles(makeWav(dir, 3));
  await timelineReady(page);
  await page.getByTestId('no-picture').waitFor();
  await page.waitForSelector('[data-testid="waveform"][data-ready="true"]');
  const [movie] = studio.session.api.project.movies.list();
  assert.equal(movie.video, null);
  assert.deepEqual(studio.pageErrors, []);
});

test('a file dropped anywhere on the window is imported (here: an empty one, refused)', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const files = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([], 'dropped.mp4', { type: 'video/mp4' }));
    return dt;
  });
  await page.dispatchEvent('[data-testid="timeline"]', 'dragenter', { dataTransfer: files });
  await page.getByTestId('drop-overlay').waitFor();
  await page.dispatchEvent('[data-testid="timeline"]', 'drop', { dataTransfer: files });
  await page.getByTestId('error-message').filter({ hasText: /dropped\.mp4.*empty \(0 bytes\)/ }).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('drop-overlay').count(), 0);
});
