/**
 * The model registry in the Models panel (#13): one active version per role, activating an older
 * valence model moves the marker, inline rename, the active model's Delete refused with its reason,
 * and revert to the shipped default. Two valence models are trained through the API beforehand.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ApiService } from '../../src-main/api/service.js';
import type { Job } from '../../src-main/contract/jobs.js';
import { tempDir } from '../helpers/media.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';
import { ARTIFACTS, missingPrerequisite, openStudio, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;
let older: string;
let newer: string;

async function trainValence(api: ApiService, maxEpochs: number): Promise<string> {
  const started: Job = await api.call('valence.train', { architecture: 'dnn', events: 'nonverbal', semantics: 'events', maxEpochs, patience: maxEpochs });
  await api.jobs.whenIdle();
  const job = api.project.jobs.get(started.id);
  assert.equal(job.state, 'done', job.message);
  return (job.result as { version: string }).version;
}

before(async () => {
  if (skip) return;
  const api = new ApiService(syntheticProject(tempDir('vs-e2e-registry-'), { movies: 3, seconds: 20 }));
  older = await trainValence(api, 2);
  newer = await trainValence(api, 1);
  // Whatever the regression guard decided, the newer one is active when the app opens.
  await api.call('models.activate', { version: newer });
  const path = api.project.path;
  api.dispose();
  api.project.close();
  studio = await openStudio(path);
});
after(async () => studio?.close());

test('the registry lists versions per role and activates, renames, refuses and reverts', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('research').click();
  const registry = page.getByTestId('model-registry');
  await registry.waitFor();
  const role = (r: string) => registry.getByTestId(`registry-role-${r}`);
  const row = (version: string) => registry.locator(`[data-testid="registry-row"][data-version="${version}"]`);
  const activeVersion = async (r: string) => role(r).locator('[data-testid="registry-row"][data-active="true"]').getAttribute('data-version');

  await row(older).waitFor();
  for (const r of ['verbal', 'nonverbal', 'valence']) {
    assert.equal(await role(r).locator('[data-testid="registry-active"]').count(), 1, `one active ${r}`);
    assert.equal(await role(r).locator('[data-testid="registry-shipped"]').count(), 1, `one shipped ${r}`);
  }
  assert.equal(await activeVersion('valence'), newer);
  assert.match((await row(older).getByTestId('registry-metric').textContent()) ?? '', /^Acc \d\.\d{3} \(validation film \d+\)$/);

  await row(older).getByTestId('registry-activate').click();
  await row(older).locator('[data-testid="registry-active"]').waitFor();
  assert.equal(await activeVersion('valence'), older);
  assert.equal(await row(older).getByTestId('registry-activate').count(), 0, 'no Activate on the active one');
  assert.equal((await studio.session.api.call('models.registry', {})).find((m) => m.active && m.role === 'valence')?.version, older);

  await row(older).getByTestId('registry-rename').click();
  await row(older).getByTestId('registry-rename-input').fill('first try');
  await row(older).getByTestId('registry-rename-input').press('Enter');
  await row(older).getByTestId('registry-name').filter({ hasText: 'first try' }).waitFor();

  const del = row(older).getByTestId('registry-delete');
  assert.equal(await del.isDisabled(), true);
  assert.match((await del.getAttribute('title')) ?? '', /active valence model cannot be deleted: activate another first/);
  const shippedDelete = role('valence').locator('[data-testid="registry-row"]').filter({ has: page.getByTestId('registry-shipped') }).getByTestId('registry-delete');
  assert.match((await shippedDelete.getAttribute('title')) ?? '', /shipped default cannot be deleted/);

  await role('verbal').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'model-registry.png') });

  await role('valence').getByTestId('registry-revert').click();
  await role('valence').locator('[data-testid="registry-row"][data-active="true"] [data-testid="registry-shipped"]').waitFor();
  assert.equal(await role('valence').getByTestId('registry-revert').isDisabled(), true);
  assert.equal(await row(older).getByTestId('registry-delete').isDisabled(), false, 'no longer active: deletable');
  assert.deepEqual(studio.pageErrors.filter((e) => !/404|MEDIA_ERR_SRC_NOT_SUPPORTED/.test(e)), []);
});

test("the server's refusal reaches the error banner when the view is behind", { skip: skip ?? false }, async () => {
  const { page } = studio;
  // Another window activates `newer`; before the push arrives this one still offers Delete on it.
  const registry = page.getByTestId('model-registry');
  const row = registry.locator(`[data-testid="registry-row"][data-version="${newer}"]`);
  await row.getByTestId('registry-delete').waitFor();
  assert.equal(await row.getByTestId('registry-delete').isDisabled(), false);
  studio.session.api.project.models.setActive('valence', newer);
  await row.getByTestId('registry-delete').click();
  await page.getByText(new RegExp(`Deleting ${newer}: .*is the active valence model; activate another first`)).waitFor();
  assert.ok((await studio.session.api.call('models.registry', {})).some((m) => m.version === newer), 'not deleted');
});
