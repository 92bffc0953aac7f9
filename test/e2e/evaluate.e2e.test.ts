/**
 * Models & evaluation in the app: on a labelled project, run the Table II evaluation from the panel,
 * and read the stored report (tables and SVG charts) in the viewer; a backbone file that is not a
 * model is refused with a message.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/media.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';
import { ARTIFACTS, missingPrerequisite, openStudio, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;
let dir: string;

before(async () => {
  if (skip) return;
  dir = tempDir('vs-e2e-eval-');
  const project = syntheticProject(dir);
  const path = project.path;
  project.close();
  studio = await openStudio(path);
});
after(async () => studio?.close());

test('the evaluation runs from the app and its report renders', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('research').click();
  const panel = page.getByTestId('research-panel');
  await panel.waitFor();
  for (const m of ['lstm', 'fea-tf', 'temp-tf', 'fea-tf-cma']) await panel.getByTestId(`eval-model-${m}`).uncheck();
  for (const e of ['verbal', 'all']) await panel.getByTestId(`eval-events-${e}`).uncheck();
  await panel.getByTestId('eval-semantics').selectOption('events');
  await panel.getByTestId('eval-epochs').fill('3');
  await panel.getByTestId('evaluate').click();

  const viewer = page.getByTestId('report-viewer');
  await viewer.waitFor({ timeout: 240_000 });
  const report = page.frameLocator('[data-testid="report-frame"]');
  await report.locator('text=Table II').first().waitFor();
  assert.ok((await report.locator('svg').count()) >= 1, 'charts drawn');
  assert.ok((await report.locator('table').count()) >= 2, 'Table I and Table II');
  await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
  await viewer.getByLabel('Close report').click();
  await panel.getByTestId('report-list').locator('[data-testid="report-open"]').first().waitFor();
  // The synthetic project's movies have no media files, so only the player's load errors are expected.
  assert.deepEqual(studio.pageErrors.filter((e) => !/404|MEDIA_ERR_SRC_NOT_SUPPORTED/.test(e)), []);
});

test('a visual backbone that is not a model is refused with a message', { skip: skip ?? false }, async () => {
  const { page } = studio;
  const fake = join(dir, 'resnet50.onnx');
  writeFileSync(fake, 'not a model');
  const panel = page.getByTestId('research-panel');
  await panel.getByTestId('backbone-type').selectOption('onnx');
  await panel.getByTestId('backbone-path').fill(fake);
  await panel.getByTestId('backbone-apply').click();
  await page.getByText(/Settings: .*resnet50\.onnx/).waitFor();
  assert.deepEqual(studio.session.api.project.settings.get(), { visualBackbone: { type: 'bundled' }, visualRate: 1, threads: null });
});
