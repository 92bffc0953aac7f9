/**
 * "Why it moved" (#13 item 6) in real headless Chromium: a prediction whose first half leaned on
 * audio and second half on verbal events draws those colours in those halves, the legend reads the
 * shares at the playhead, and a prediction without shares says how to get them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { makeClip, tempDir } from '../helpers/media.js';
import { missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;

before(async () => {
  if (skip) return;
  studio = await openStudio();
});
after(async () => studio?.close());

/** The lane's pixel colour (r, g, b) at fractions of its width and height (from the top). */
async function colourAt(page: Page, fraction: number, down = 0.5): Promise<[number, number, number]> {
  return page.$eval(
    '[data-testid="shares-lane"]',
    (c, f) => {
      const canvas = c as HTMLCanvasElement;
      const d = canvas.getContext('2d')!.getImageData(Math.floor(canvas.width * f.x), Math.floor(canvas.height * f.y), 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    },
    { x: fraction, y: down },
  );
}

const hex = (h: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 8);

test('the lane stacks each modality by its share, and the legend reads them at the playhead', { skip: skip ?? false }, async () => {
  const { page, session } = studio;
  await page.getByTestId('import-file-input').setInputFiles(makeClip(tempDir(), { seconds: 4 }));
  await timelineReady(page);
  const movieId = session.api.project.movies.list()[0].id;
  const frames = 4 * 25;
  const modalities = ['audio', 'visual', 'verbal'];
  const values = new Float32Array(frames * 3);
  for (let f = 0; f < frames; f++) values.set(f < frames / 2 ? [1, 0, 0] : [0, 0.25, 0.75], f * 3);
  const series = session.api.project.valence.insert({ movieId, kind: 'prediction', name: 'Fea-TF SCMA (test)', rate: 25, values: new Float32Array(frames).fill(0.2), modelVersion: 'fea-tf-scma-test', shares: { modalities, values } });
  session.api.emit('movie.changed', { movieId, what: 'valence' });

  await page.getByTestId('shares-toggle').click();
  await page.waitForSelector(`[data-testid="shares-lane"][data-series="${series.id}"]`);
  await page.getByTestId('zoom-fit').click();
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="shares-lane"]') as HTMLCanvasElement;
    return c.getContext('2d')!.getImageData(Math.floor(c.width * 0.25), Math.floor(c.height * 0.75), 1, 1).data[3] > 0;
  });
  assert.ok(near(await colourAt(page, 0.25), hex('#5b8def')), 'first half: audio');
  // Stacked from the bottom in input order: visual's quarter under verbal's three quarters.
  assert.ok(near(await colourAt(page, 0.75, 0.4), hex('#e05da0')), 'second half, upper three quarters: verbal');
  assert.ok(near(await colourAt(page, 0.75, 0.9), hex('#e8e070')), 'second half, bottom quarter: visual');
  assert.equal(await page.getByTestId('share-audio').textContent(), '100%');
  assert.equal(await page.getByTestId('share-verbal').textContent(), '0%');
  if (process.env.SCREENSHOT_DIR) await page.getByTestId('timeline').screenshot({ path: join(process.env.SCREENSHOT_DIR, 'shares.png') });

  // A prediction stored without shares (made before they existed) says how to get them.
  session.api.project.valence.insert({ movieId, kind: 'prediction', name: 'DNN (old)', rate: 25, values: new Float32Array(frames).fill(-0.2), modelVersion: 'dnn-old' });
  session.api.emit('movie.changed', { movieId, what: 'valence' });
  await page.waitForSelector('[data-testid="shares-empty"]');
  assert.match((await page.getByTestId('shares-empty').textContent())!, /predict it again/);
});
