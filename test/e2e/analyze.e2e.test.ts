/**
 * Analyze from the app: import a clip, press Analyze, watch the per-stage bars, and find the model's
 * events in the lanes and the predicted valence curve (from the bundled default model, said so) on
 * the timeline.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_VALENCE_DIR } from '../../src-main/analysis/default-valence-model.js';
import { defaultModelDir } from '../../src-main/sed/detector.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { ARTIFACTS, missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const modelsShipped = existsSync(join(defaultModelDir('verbal'), 'model.json')) && existsSync(join(DEFAULT_VALENCE_DIR, 'model.json'));
const skip = missingPrerequisite() ?? (modelsShipped ? null : 'the default models are not in resources/models');
let studio: Studio;

before(async () => {
  if (!skip) studio = await openStudio();
});
after(async () => studio?.close());

test('Analyze in the app fills the lanes and draws a predicted valence curve', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('import-file-input').setInputFiles(makeClip(tempDir(), { seconds: 8 }));
  await timelineReady(page);
  await page.getByTestId('analyze').click();
  const row = page.locator('[data-testid="job"]').first();
  await row.getByTestId('job-stages').waitFor({ timeout: 60_000 });
  await row.and(page.locator('[data-state="done"]')).waitFor({ timeout: 180_000 });
  const [movie] = studio.session.api.project.movies.list();
  const sets = studio.session.api.project.descriptors.list(movie.id).map((s) => s.kind);
  for (const kind of ['audio.emobase2010', 'sed.verbal', 'sed.nonverbal', 'motion.flow']) assert.ok(sets.includes(kind), kind);
  await page.getByTestId('demo-model-note').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('demo-model-note').innerText(), /demo corpus/);
  await page.screenshot({ path: join(ARTIFACTS, 'analyze.png') });
});
