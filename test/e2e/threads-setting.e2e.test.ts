/**
 * The threads setting in Models & evaluation: automatic shows this machine's cores; a number chosen
 * there is stored in the project and shown again after a reload; automatic goes back to null.
 */
import { availableParallelism } from 'node:os';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { missingPrerequisite, openStudio, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;

before(async () => {
  if (!skip) studio = await openStudio();
});
after(async () => studio?.close());

/** Waits until the project holds `expected` (the select's change is sent over the socket). */
async function stored(expected: number | null): Promise<void> {
  for (let i = 0; i < 50 && studio.session.api.project.settings.get().threads !== expected; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(studio.session.api.project.settings.get().threads, expected);
}

async function threadsControl() {
  await studio.page.getByTestId('research').click();
  const select = studio.page.getByTestId('research-panel').getByTestId('threads-setting');
  await select.waitFor();
  return select;
}

test('threads: set in the panel, kept after a reload, back to automatic', { skip: skip ?? false }, async () => {
  const cores = availableParallelism();
  let select = await threadsControl();
  assert.equal(await select.inputValue(), 'auto');
  assert.equal(await select.locator('option[value="auto"]').textContent(), `Automatic (${cores} ${cores === 1 ? 'core' : 'cores'})`);
  assert.equal(await select.locator('option').count(), cores + 1, 'automatic, then 1 to the core count');

  await select.selectOption('1');
  await stored(1);

  await studio.page.reload();
  select = await threadsControl();
  // Shown again once the settings arrive (until then the control shows automatic, disabled).
  await studio.page.waitForFunction(() => (document.querySelector('[data-testid="threads-setting"]') as HTMLSelectElement | null)?.value === '1');

  await select.selectOption('auto');
  await stored(null);
  assert.deepEqual(studio.pageErrors, []);
});
