/**
 * The spectrogram lane in real headless Chromium: shown on demand under the waveform, drawn, redrawn
 * on zoom, and offered for computation on a film that has none (imported before it was stored).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { tempDir } from '../helpers/media.js';
import { ARTIFACTS, missingPrerequisite, openStudio, timelineReady, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;

/** 8 s of picture and a rising chirp (200 Hz → 6 kHz) that sounds every other second. */
function makeChirpClip(dir: string): string {
  const out = join(dir, 'chirp.mp4');
  execFileSync(ffmpegBinaries().ffmpeg, ['-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=8',
    '-f', 'lavfi', '-i', "aevalsrc='0.4*sin(2*PI*(200*t+362.5*t*t))*lt(mod(t,2),1)':s=44100:d=8",
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', out]);
  return out;
}

/** How many pixels are lit above viridis's floor colour, and a digest of the image. */
const canvasStats = (page: Page) =>
  page.$eval('[data-testid="spectrogram-canvas"]', (c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let lit = 0;
    let digest = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && data[i + 1] > 0x30) lit++;
      digest = (Math.imul(digest, 31) + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
    }
    return { lit, digest };
  });

before(async () => {
  if (skip) return;
  studio = await openStudio();
});
after(async () => studio?.close());

test('the spectrogram lane toggles on, draws the chirp, and redraws on zoom', { skip: skip ?? false }, async () => {
  const { page } = studio;
  await page.getByTestId('import-file-input').setInputFiles(makeChirpClip(tempDir()));
  await timelineReady(page);
  assert.equal(await page.getByTestId('spectrogram').count(), 0, 'hidden until asked for');
  await page.getByTestId('spectrogram-toggle').click();
  await page.waitForSelector('[data-testid="spectrogram"][data-ready="true"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="spectrogram-canvas"]')?.getAttribute('data-drawn-cols'));
  const whole = await canvasStats(page);
  assert.ok(whole.lit > 2000, `lit pixels: ${whole.lit}`);
  await page.getByTestId('timeline').screenshot({ path: join(ARTIFACTS, 'spectrogram.png') });

  for (let i = 0; i < 4; i++) await page.getByTestId('zoom-in').click();
  await page.waitForFunction((d) => {
    const c = document.querySelector('[data-testid="spectrogram-canvas"]') as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let digest = 0;
    for (let i = 0; i < data.length; i += 4) digest = (Math.imul(digest, 31) + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
    return digest !== d;
  }, whole.digest);
  const zoomed = await canvasStats(page);
  assert.ok(zoomed.lit > 1000, `lit pixels zoomed in: ${zoomed.lit}`);

  await page.getByTestId('spectrogram-toggle').click();
  assert.equal(await page.getByTestId('spectrogram').count(), 0, 'hidden again');
  assert.deepEqual(studio.pageErrors, []);
});

test('a film without a spectrogram offers to compute one, and the lane draws it when done', { skip: skip ?? false }, async () => {
  const { page } = studio;
  studio.session.api.project.db.prepare('DELETE FROM spectrograms').run();
  await page.reload();
  await timelineReady(page);
  await page.getByTestId('spectrogram-toggle').click();
  const button = page.getByTestId('spectrogram-compute');
  await button.waitFor();
  await button.click();
  await page.waitForSelector('[data-testid="spectrogram"][data-ready="true"]', { timeout: 30_000 });
  assert.equal(await button.count(), 0);
  await page.waitForFunction(() => document.querySelector('[data-testid="spectrogram-canvas"]')?.getAttribute('data-drawn-cols'));
  assert.ok((await canvasStats(page)).lit > 2000);
  assert.deepEqual(studio.pageErrors, []);
});
