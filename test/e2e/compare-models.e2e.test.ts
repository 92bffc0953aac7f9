/**
 * Comparing two detector versions in real headless Chromium (#13 item 2): two versions picked in the
 * registry, the side-by-side table with both figures and B − A, and the comparison lane with A's
 * events (speech_male everywhere) and B's (speech_female everywhere) in two colours read back from
 * the canvas; each toggle hides its side, Close ends the comparison. Two valence models: Acc and
 * Acc±1 side by side and two curves. With SCREENSHOT_DIR set, a screenshot of each comparison is
 * written there.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ApiService } from '../../src-main/api/service.js';
import type { Job } from '../../src-main/contract/jobs.js';
import { Project } from '../../src-main/store/project.js';
import { halfBox, SIDE_COLORS, type Side } from '../../src-renderer/src/components/compare/compare-lane.js';
import { storeConstantHead } from '../helpers/compare-project.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { buildSyntheticProject } from '../helpers/synthetic-project.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';
import { missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
const SECONDS = 20;
let studio: Studio;
let male: string;
let female: string;

before(async () => {
  if (skip) return;
  const dir = tempDir('vs-e2e-compare-');
  const projectPath = join(dir, 'compare.vsproj');
  const movieId = buildSyntheticProject({ projectPath, mediaPath: makeClip(dir, { seconds: SECONDS }), seconds: SECONDS, events: 0 });
  const p = Project.open(projectPath);
  male = await storeConstantHead(p, 'verbal', 'speech_male', 0.61);
  female = await storeConstantHead(p, 'verbal', 'speech_female', 0.42);
  const track = p.events.track(movieId, 'curated');
  for (const [label, onset, offset, source] of [['speech_male', 2, 5, 'human'], ['speech_male', 12, 14, 'human'], ['speech_female', 8, 9, 'import']] as const) {
    p.events.put({ trackId: track, movieId, label, onset, offset, source, confidence: null, modelVersion: null });
  }
  p.close();
  studio = await openStudio(projectPath);
  await timelineReady(studio.page);
  await studio.page.getByTestId('zoom-fit').click();
});
after(async () => studio?.close());

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** RGB at the middle of side `side`'s half of class row `row`, `t` seconds into the film. */
async function colourAt(page: Page, row: number, side: Side, t: number): Promise<number[]> {
  const timeline = page.getByTestId('timeline');
  const x = (t - Number(await timeline.getAttribute('data-view-start'))) * Number(await timeline.getAttribute('data-px-per-sec'));
  const box = halfBox(row, side);
  return page.$eval(
    '[data-testid="compare-lane"]',
    (c, a) => {
      const dpr = window.devicePixelRatio || 1;
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(Math.round(a.x * dpr), Math.round(a.y * dpr), 1, 1).data;
      return [d[0], d[1], d[2]];
    },
    { x, y: box.y + box.height / 2 },
  );
}

test('two versions picked in the registry: the table shows both figures, the lane draws each in its colour, the toggles hide one', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('research').click();
  const role = page.getByTestId('model-registry').getByTestId('registry-role-verbal');
  const row = (version: string) => role.locator(`[data-testid="registry-row"][data-version="${version}"]`);
  assert.equal(await role.getByTestId('registry-compare').isDisabled(), true, 'nothing picked yet');
  await row(male).getByTestId('registry-pick').click();
  await row(female).getByTestId('registry-pick').click();
  assert.equal(await row(female).getByTestId('registry-pick').textContent(), 'Compare: B');
  await role.getByTestId('registry-compare').click();

  const table = role.getByTestId('compare-table');
  await table.waitFor({ timeout: 60_000 });
  const cells = async (key: string) => {
    const r = table.locator(`[data-testid="compare-row"][data-key="${key}"]`);
    return [await r.getByTestId('compare-a').textContent(), await r.getByTestId('compare-b').textContent(), await r.getByTestId('compare-diff').textContent()];
  };
  // A: speech_male F1 0.4, the other classes 0 → macro 0.100; B: speech_female F1 2/21 → macro 0.024.
  assert.deepEqual(await cells('macro'), ['0.100', '0.024', '−0.076']);
  assert.deepEqual(await cells('class:speech_male'), ['0.400', '0.000', '−0.400']);
  assert.deepEqual(await cells('recorded'), ['0.610', '0.420', '−0.190']);
  assert.equal(await table.getByTestId('compare-side-a').getAttribute('data-version'), male);

  const lane = page.getByTestId('compare-lane');
  await page.locator('[data-testid="compare-lane"][data-ready="true"]').waitFor({ timeout: 60_000 });
  assert.deepEqual([await lane.getAttribute('data-a'), await lane.getAttribute('data-b')], ['1', '1']);
  const [orange, blue] = SIDE_COLORS.map(hex);
  const swatches = await page.getByTestId('compare-bar').getByTestId('compare-swatch').evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
  assert.deepEqual(swatches, [...SIDE_COLORS], 'the legend names each colour');
  assert.ok(distance(await colourAt(page, 0, 0, 1.5), orange) < 10, 'A: speech_male in its colour');
  assert.ok(distance(await colourAt(page, 1, 1, 1.5), blue) < 10, 'B: speech_female in its colour');
  assert.ok(distance(await colourAt(page, 0, 1, 1.5), blue) > 100, 'B drew no speech_male');
  assert.ok(distance(await colourAt(page, 1, 0, 1.5), orange) > 100, 'A drew no speech_female');
  if (process.env.SCREENSHOT_DIR) {
    mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'compare-detectors.png') });
  }

  await page.getByTestId('compare-toggle-b').click();
  await page.locator('[data-testid="compare-lane"][data-shown="a"]').waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(distance(await colourAt(page, 1, 1, 1.5), blue) > 100, 'B hidden');
  assert.ok(distance(await colourAt(page, 0, 0, 1.5), orange) < 10, 'A still drawn');
  await page.getByTestId('compare-toggle-a').click();
  await page.getByTestId('compare-toggle-b').click();
  await page.locator('[data-testid="compare-lane"][data-shown="b"]').waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.ok(distance(await colourAt(page, 0, 0, 1.5), orange) > 100, 'A hidden');
  assert.ok(distance(await colourAt(page, 1, 1, 1.5), blue) < 10, 'B drawn again');

  await page.getByTestId('compare-lane-close').click();
  await lane.waitFor({ state: 'detached' });
  assert.equal(await table.count(), 0, 'the table goes with the lane');
  assert.deepEqual(studio.pageErrors.filter((e) => !/404|MEDIA_ERR_SRC_NOT_SUPPORTED/.test(e)), []);
});

/** Canvas pixels within 10 of `rgb`. */
function countColour(page: Page, rgb: number[]): Promise<number> {
  return page.$eval(
    '[data-testid="compare-lane"]',
    (c, target) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.hypot(d[i] - target[0], d[i + 1] - target[1], d[i + 2] - target[2]) < 10) n++;
      return n;
    },
    rgb,
  );
}

test('two valence models: Acc and Acc±1 side by side, both curves drawn, one hidden', { skip: skip ?? false }, async () => {
  const api = new ApiService(syntheticProject(tempDir('vs-e2e-compare-valence-'), { movies: 2, seconds: 20 }));
  const train = async (maxEpochs: number, seed: number) => {
    const started: Job = await api.call('valence.train', { architecture: 'dnn', events: 'nonverbal', semantics: 'events', maxEpochs, patience: maxEpochs, seed });
    await api.jobs.whenIdle();
    const job = api.project.jobs.get(started.id);
    assert.equal(job.state, 'done', job.message);
    return (job.result as { version: string }).version;
  };
  const [a, b] = [await train(20, 1), await train(1, 7)];
  const path = api.project.path;
  api.dispose();
  api.project.close();
  const own = await openStudio(path);
  try {
    const { page } = own;
    await page.getByTestId('research').click();
    const role = page.getByTestId('model-registry').getByTestId('registry-role-valence');
    for (const v of [a, b]) await role.locator(`[data-testid="registry-row"][data-version="${v}"]`).getByTestId('registry-pick').click();
    await role.getByTestId('registry-compare').click();
    const table = role.getByTestId('compare-table');
    await table.waitFor({ timeout: 60_000 });
    const figures = table.locator('[data-testid="compare-row"][data-key="all:acc1"] td');
    assert.equal(await figures.first().textContent(), '2 films · Acc±1');
    for (const side of ['compare-a', 'compare-b']) assert.match((await table.locator('[data-testid="compare-row"][data-key="all:acc"]').getByTestId(side).textContent()) ?? '', /^0\.\d{3}$|^1\.000$/);

    await page.locator('[data-testid="compare-lane"][data-ready="true"]').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('compare-lane').getAttribute('data-role'), 'valence');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const [orange, blue] = SIDE_COLORS.map(hex);
    assert.ok((await countColour(page, orange)) > 50, 'A’s curve in its colour');
    assert.ok((await countColour(page, blue)) > 50, 'B’s curve in its colour');
    if (process.env.SCREENSHOT_DIR) {
      mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'compare-valence.png') });
    }
    await page.getByTestId('compare-toggle-a').click();
    await page.locator('[data-testid="compare-lane"][data-shown="b"]').waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await countColour(page, orange), 0, 'A hidden');
    assert.ok((await countColour(page, blue)) > 50, 'B still drawn');
  } finally {
    await own.close();
  }
});
