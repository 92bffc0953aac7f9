/**
 * Timeline benchmark in real headless Chromium against browser mode, on a 2-hour synthetic project
 * (180,000 valence samples per curve × 2, 5,000 events, waveform peaks).
 * Prints the project open time (navigation → timeline drawn) and per-frame figures while scrubbing,
 * zooming and panning. Targets: open ≤ 1 s, p95 frame ≤ 20 ms. Asserts nothing.
 *
 * Frame figures, measured in the page:
 *  - interval: time between consecutive requestAnimationFrame callbacks (what the eye sees; 16.7 ms at 60 Hz);
 *  - work: from the frame's first rAF callback to a message posted from it, which runs once the frame's
 *    script, style, layout and paint are done (the main-thread cost of a frame).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { tempDir } from '../helpers/media.js';
import { buildSyntheticProject } from '../helpers/synthetic-project.js';
import { ARTIFACTS, missingPrerequisite, openStudio, timelineReady } from '../e2e/harness.js';

const SECONDS = 7200;

/** A 2-hour stand-in film (tiny picture, silence), so seeks anywhere on the timeline are real seeks. Cached. */
function twoHourMedia(): string {
  const out = join(tmpdir(), 'valence-studio-bench-2h.mp4');
  if (existsSync(out)) return out;
  execFileSync(ffmpegBinaries().ffmpeg, [
    '-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc=size=128x72:rate=5:duration=${SECONDS}`,
    '-f', 'lavfi', '-i', `anullsrc=r=16000:cl=mono`,
    '-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '16k', '-movflags', '+faststart', out,
  ]);
  return out;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const fmt = (x: number) => `${x.toFixed(1)} ms`;

async function openTime(page: Page): Promise<number> {
  await timelineReady(page, 60_000);
  return page.evaluate(() => performance.getEntriesByName('timeline-drawn')[0].startTime);
}

/**
 * Starts recording frame intervals and work times in the page. A string, not a function: tsx's
 * name-keeping helpers would otherwise be serialised into the page, where they do not exist.
 */
const FRAME_RECORDER = `(() => {
  const f = (window.__frames = { interval: [], work: [], stop: false });
  const ch = new MessageChannel();
  let frameStart = 0;
  let last = 0;
  ch.port1.onmessage = () => f.work.push(performance.now() - frameStart);
  requestAnimationFrame(function loop(t) {
    if (f.stop) return;
    if (last) f.interval.push(t - last);
    last = t;
    frameStart = performance.now();
    ch.port2.postMessage(0);
    requestAnimationFrame(loop);
  });
})()`;
const startFrames = (page: Page) => page.evaluate(FRAME_RECORDER);

function stopFrames(page: Page): Promise<{ interval: number[]; work: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: { interval: number[]; work: number[]; stop: boolean } };
    w.__frames.stop = true;
    return { interval: w.__frames.interval, work: w.__frames.work };
  });
}

const nextFrame = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));

async function main() {
  const why = missingPrerequisite();
  if (why) {
    console.log(`bench:timeline skipped: ${why}`);
    return;
  }
  const dir = tempDir('vs-bench-');
  const projectPath = join(dir, 'bench.vsproj');
  let t = performance.now();
  const media = twoHourMedia();
  console.log(`stand-in 2-hour media: ${((performance.now() - t) / 1000).toFixed(1)} s (cached after the first run)`);
  t = performance.now();
  buildSyntheticProject({ projectPath, mediaPath: media, seconds: SECONDS, events: 5000 });
  console.log(`synthetic project (2 h, 5,000 events, 2 × 180,000 valence samples): ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const studio = await openStudio(projectPath);
  const { page } = studio;
  try {
    const opens = [await openTime(page)];
    for (let i = 0; i < 3; i++) {
      await page.reload();
      opens.push(await openTime(page));
    }
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-2h.png') });
    const events = await page.getByTestId('event-lanes').getAttribute('data-event-count');
    const curves = await page.getByTestId('valence-lane').getAttribute('data-curves');

    const track = (await page.getByTestId('waveform-track').boundingBox())!;
    const y = track.y + track.height / 2;
    const results: Record<string, { interval: number[]; work: number[] }> = {};

    // Inputs arrive every ~8 ms, faster than frames, as from a real mouse: every frame has work to do.
    const pace = () => page.waitForTimeout(8);

    // Zoom: Ctrl+wheel from the whole film in to ~230 px/s and back out, twice, anchored under the pointer.
    await page.mouse.move(track.x + track.width * 0.4, y);
    await page.keyboard.down('Control');
    await startFrames(page);
    for (let round = 0; round < 2; round++) {
      for (const dy of [-120, 120]) {
        for (let i = 0; i < 30; i++) {
          await page.mouse.wheel(0, dy);
          await pace();
        }
      }
    }
    results.zoom = await stopFrames(page);
    await page.keyboard.up('Control');

    // Scrub: drag the playhead across the waveform at a ~10-minute window, then at the whole film.
    for (const [name, zoomSteps] of [['scrub (10 min view)', 6], ['scrub (whole film)', 0]] as const) {
      await page.getByTestId('zoom-fit').click();
      for (let i = 0; i < zoomSteps; i++) await page.getByTestId('zoom-in').click();
      await page.mouse.move(track.x + 5, y);
      await page.mouse.down();
      await startFrames(page);
      for (let i = 0; i <= 240; i++) {
        await page.mouse.move(track.x + 5 + ((track.width - 10) * i) / 240, y);
        await pace();
      }
      results[name] = await stopFrames(page);
      await page.mouse.up();
    }

    // Pan: plain wheel at a ~2-minute window across busy lanes, right then back left.
    await page.getByTestId('zoom-fit').click();
    for (let i = 0; i < 10; i++) await page.getByTestId('zoom-in').click();
    await page.mouse.move(track.x + track.width / 2, y);
    await startFrames(page);
    for (const dy of [100, -100]) {
      for (let i = 0; i < 120; i++) {
        await page.mouse.wheel(0, dy);
        await pace();
      }
    }
    results.pan = await stopFrames(page);
    const zoomLabel = await page.getByTestId('zoom-level').textContent();

    console.log(`\nTimeline benchmark — Chromium ${studio.browser.version()} headless, ${events} events, ${curves} valence curves`);
    console.log(`(pan measured at ${zoomLabel}; zoom sweeps between the whole film and ~230 px/s)`);
    console.log(`open (navigation → timeline drawn): first ${fmt(opens[0])}, reloads ${opens.slice(1).map(fmt).join(', ')}`);
    const all = { interval: [] as number[], work: [] as number[] };
    for (const [name, r] of Object.entries(results)) {
      all.interval.push(...r.interval);
      all.work.push(...r.work);
      console.log(
        `${name.padEnd(20)} frames ${String(r.interval.length).padStart(4)}  interval p50 ${fmt(pct(r.interval, 50))} p95 ${fmt(pct(r.interval, 95))}  work p50 ${fmt(pct(r.work, 50))} p95 ${fmt(pct(r.work, 95))} max ${fmt(Math.max(...r.work))}`,
      );
    }
    console.log(`${'all'.padEnd(20)} frames ${String(all.interval.length).padStart(4)}  interval p95 ${fmt(pct(all.interval, 95))}  work p95 ${fmt(pct(all.work, 95))}`);
    if (studio.pageErrors.length) console.log('page errors:', studio.pageErrors);
  } finally {
    await studio.close();
  }
}

await main();
