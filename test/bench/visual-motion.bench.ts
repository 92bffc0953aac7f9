/**
 * `npx tsx test/bench/visual-motion.bench.ts [--quick]`: speed and memory of the visual and motion
 * stages on a 10-minute 720p H.264/AAC film made by looping ../shared/data/video/big_buck_bunny_0_30.webm
 * (cached in the OS temp folder), against ffmpeg merely decoding it to 224×224 frames and 16 kHz
 * audio (the floor). Then the trade-offs behind the defaults, on the two real clips in ../shared:
 * visual rate × hold/linear against embedding every 25 fps frame, and flow frame width against
 * 256-px-wide flow. --quick skips the trade-offs; --motion prints only the cost of one flow, split
 * into Farneback (ours and OpenCV.js's, interleaved) and the flow summary (ms per 128×72 flow, on the Bunny clip). Prints figures; asserts nothing.
 *
 * CPU figures are process CPU seconds (user + system) of the Node process, which runs the stages on
 * one thread: they are what one free core would take. Wall figures depend on what else the machine runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeVideo } from '../../src-main/media/decode-video.js';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { probeMedia } from '../../src-main/media/probe.js';
import { FarnebackFlow } from '../../src-main/motion/farneback.js';
import { FlowScratch, summarizeFlow } from '../../src-main/motion/flow-summary.js';
import { createMotionStage } from '../../src-main/motion/motion-stage.js';
import { MOTION_DEFAULTS, motionFrameSize } from '../../src-main/motion/motion-settings.js';
import { MOTION_DIMS } from '../../src-main/motion/motion-descriptor.js';
import { Project } from '../../src-main/store/project.js';
import { analyzePicture } from '../../src-main/analysis/picture-path.js';
import type { Backbone } from '../../src-main/visual/backbone.js';
import { loadBackbone } from '../../src-main/visual/load-backbone.js';
import { RowResampler, type Interpolation } from '../../src-main/visual/row-resampler.js';
import { createVisualStage } from '../../src-main/visual/visual-stage.js';
import { loadOpenCv, OpenCvFarneback } from '../unit/motion/opencv-reference.js';
import { VISUAL_DEFAULTS } from '../../src-main/visual/visual-settings.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const videoDir = path.join(repoRoot, '..', 'shared', 'data', 'video');
const BUNNY = path.join(videoDir, 'big_buck_bunny_0_30.webm');
const HELLO = path.join(videoDir, 'movie-hello.mp4');
const FILM_SECONDS = 600;
const quick = process.argv.includes('--quick');
const motionOnly = process.argv.includes('--motion');

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};

/** Runs `work`, sampling resident memory; returns CPU and wall seconds and the peak RSS seen. */
async function measure<T>(work: (mark: (label: string) => void) => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const marks: string[] = [];
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  try {
    const result = await work((label) => marks.push(`${label} ${mb(process.memoryUsage().rss)}`));
    return { result, cpu: cpuSeconds(cpu), wall: (performance.now() - t0) / 1000, peak: Math.max(peak, process.memoryUsage().rss), marks };
  } finally {
    clearInterval(timer);
  }
}

function line(label: string, frames: number, seconds: number, m: { cpu: number; wall: number; peak: number }) {
  console.log(
    `${label.padEnd(34)} ${String(frames).padStart(6)} frames  ${(frames / m.cpu).toFixed(0).padStart(5)} frames/CPU-s  ` +
      `×${(seconds / m.cpu).toFixed(1)} real time (CPU)  ×${(seconds / m.wall).toFixed(1)} (wall)  peak RSS ${mb(m.peak)}`,
  );
}

function makeFilm(): string {
  const dir = path.join(tmpdir(), 'valence-bench');
  const film = path.join(dir, 'bunny-10min-720p-h264-aac.mp4');
  if (existsSync(film)) return film;
  mkdirSync(dir, { recursive: true });
  console.log('making the 10-minute film (once; cached in the temp folder)…');
  const partial = `${film}.part.mp4`;
  execFileSync('nice', ['-n', '10', ffmpegBinaries().ffmpeg, '-nostdin', '-v', 'error', '-y', '-stream_loop', '-1', '-i', BUNNY, '-t', String(FILM_SECONDS),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', partial]);
  renameSync(partial, film);
  return film;
}

/** ffmpeg alone decoding to 224×224 RGB at the film's frame rate and 16 kHz mono, as `-benchmark` reports it. */
function decodeFloor(film: string) {
  const args = ['-nostdin', '-benchmark', '-i', film, '-filter_complex', '[0:v:0]scale=224:224:flags=area,format=rgb24[v]',
    '-map', '[v]', '-f', 'rawvideo', '-y', '/dev/null', '-map', '0:a:0', '-ac', '1', '-ar', '16000', '-f', 'f32le', '-y', '/dev/null'];
  const out = spawnSync(ffmpegBinaries().ffmpeg, args, { encoding: 'utf8' }).stderr;
  const bench = /bench: utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s/.exec(out);
  return bench ? { cpu: Number(bench[1]) + Number(bench[2]), wall: Number(bench[3]) } : null;
}

async function speed(film: string, backbone: Backbone) {
  const info = await probeMedia(film);
  const seconds = info.duration;
  console.log(`\nfilm: ${path.basename(film)}, ${seconds.toFixed(0)} s, ${info.video?.width}×${info.video?.height} ${info.video?.codec} ${info.fps?.toFixed(2)} fps, ${info.audio?.codec}`);
  const floor = decodeFloor(film);
  if (floor) console.log(`ffmpeg decode floor (224×224 RGB every frame + 16 kHz audio): ${floor.cpu.toFixed(1)} CPU-s (×${(seconds / floor.cpu).toFixed(1)}), ${floor.wall.toFixed(1)} s wall (×${(seconds / floor.wall).toFixed(1)} real time)`);

  const grey = motionFrameSize(info.video!.width, info.video!.height, MOTION_DEFAULTS.width);
  const ours = await measure(() =>
    decodeVideo(film, {
      pictures: [
        { width: 224, height: 224, format: 'rgb24', fps: VISUAL_DEFAULTS.rate, chunkFrames: 10, onFrames: () => {} },
        { ...grey, format: 'gray', fps: 25, chunkFrames: 250, onFrames: () => {} },
      ],
      sound: { sampleRate: 16000, chunkSamples: 160000, onSamples: () => {} },
    }),
  );
  console.log(`decodeVideo, one ffmpeg for all three streams, no-op consumers: ${ours.wall.toFixed(1)} s wall (×${(seconds / ours.wall).toFixed(1)} real time), Node ${ours.cpu.toFixed(1)} CPU-s`);

  const visual = await measure(async () => {
    let rows = 0;
    const stage = createVisualStage({ backbone, onRows: (_f, _r, n) => void (rows += n) });
    const decoded = await decodeVideo(film, { pictures: [{ width: 224, height: 224, format: 'rgb24', fps: VISUAL_DEFAULTS.rate, chunkFrames: 10, onFrames: (f, n) => stage.push(f, n) }] });
    stage.finish();
    return { frames: decoded.frames[0], rows };
  });
  line(`visual (${backbone.name}, ${VISUAL_DEFAULTS.rate}/s)`, visual.result.frames, seconds, visual);
  console.log(`  ${((visual.cpu / visual.result.frames) * 1000).toFixed(1)} CPU-ms per embedded frame`);

  const motion = await measure(async () => {
    let rows = 0;
    const stage = await createMotionStage({ ...grey, onRows: (_f, _r, n) => void (rows += n) });
    const decoded = await decodeVideo(film, { pictures: [{ ...grey, format: 'gray', fps: 25, chunkFrames: 250, onFrames: (f, n) => stage.push(f, n) }] });
    stage.finish();
    return { frames: decoded.frames[0], rows };
  });
  line(`motion (${grey.width}×${grey.height} Farneback, 25/s)`, motion.result.frames, seconds, motion);
  console.log(`  ${((motion.cpu / motion.result.frames) * 1000).toFixed(2)} CPU-ms per frame pair (flow + descriptor)`);

  const project = Project.open(path.join(tmpdir(), `valence-bench-${process.pid}.vsproj`));
  const movie = project.movies.insert({ path: film, title: 'bench', contentHash: `bench-${Date.now()}`, sizeBytes: info.sizeBytes, duration: seconds, fps: info.fps, audio: info.audio, video: info.video });
  let quarter = 1;
  const both = await measure((mark) =>
    analyzePicture(project, movie.id, {
      backbone,
      onProgress: (f) => {
        if (f >= quarter / 4) mark(`${quarter++ * 25}%`);
      },
    }),
  );
  line('visual + motion (analyzePicture)', Math.ceil(seconds * 25), seconds, both);
  console.log(`  RSS as the film goes: ${both.marks.join(', ')}`);
  project.close();
  return { visualMsPerFrame: (visual.cpu / visual.result.frames) * 1000 };
}

/** Every 25 fps frame of a clip embedded, then what each visual rate and interpolation keeps of it. */
async function visualTradeoff(backbone: Backbone, msPerFrame: number) {
  console.log('\nvisual rate trade-off: 25 Hz rows rebuilt from embeddings at the rate, vs embedding all 25 frames/s');
  console.log('  R² = share of the 25 fps embeddings\' variance kept; cos = mean cosine similarity; cost at the measured CPU-ms/frame');
  for (const clip of [BUNNY, HELLO]) {
    const d = backbone.dims;
    const all: Float32Array[] = [];
    await decodeVideo(clip, {
      pictures: [{ width: 224, height: 224, format: 'rgb24', fps: 25, chunkFrames: 8, onFrames: async (f, n) => {
        const e = await backbone.embed(f, n);
        for (let i = 0; i < n; i++) all.push(e.slice(i * d, (i + 1) * d));
      } }],
    });
    const mean = new Float64Array(d);
    for (const e of all) e.forEach((x, k) => (mean[k] += x / all.length));
    let variance = 0;
    for (const e of all) e.forEach((x, k) => (variance += (x - mean[k]) ** 2));
    console.log(`  ${path.basename(clip)} (${all.length} frames)`);
    for (const rate of [0.5, 1, 2, 5]) {
      const cells = (['hold', 'linear'] as Interpolation[]).map((interpolation) => {
        // The fps filter shows sample k = the frame nearest k / rate.
        const picks = Array.from({ length: Math.ceil((all.length * rate) / 25) }, (_, k) => all[Math.min(all.length - 1, Math.round((k * 25) / rate))]);
        const rows: Float32Array[] = [];
        const r = new RowResampler({ dims: d, sampleRate: rate, rowRate: 25, interpolation, startRow: 0,
          onRows: (_f, data, n) => { for (let i = 0; i < n; i++) rows.push(data.slice(i * d, (i + 1) * d)); } });
        const flat = new Float32Array(picks.length * d);
        picks.forEach((p, i) => flat.set(p, i * d));
        r.add(flat, picks.length);
        r.finish();
        let err = 0;
        let cos = 0;
        all.forEach((x, j) => {
          const y = rows[Math.min(j, rows.length - 1)];
          let xy = 0, xx = 0, yy = 0;
          for (let k = 0; k < d; k++) {
            err += (x[k] - y[k]) ** 2;
            xy += x[k] * y[k];
            xx += x[k] * x[k];
            yy += y[k] * y[k];
          }
          cos += xy / Math.sqrt(xx * yy) / all.length;
        });
        return `${interpolation} R²=${(1 - err / variance).toFixed(3)} cos=${cos.toFixed(4)}`;
      });
      console.log(`    ${String(rate).padStart(3)}/s: ${cells.join('   ')}   cost ${(rate * msPerFrame).toFixed(0)} CPU-ms per film second (×${(1000 / (rate * msPerFrame)).toFixed(0)} real time)`);
    }
  }
}

/** Flow at several frame widths on the Bunny clip: cost, and agreement with 256-px-wide flow. */
async function motionTradeoff() {
  console.log('\nmotion frame width trade-off on big_buck_bunny_0_30.webm (Pearson r of each column with 256-px flow, averaged)');
  const runs = new Map<number, { rows: Float32Array; ms: number }>();
  for (const width of [256, 160, 128, 96]) {
    const size = motionFrameSize(1280, 720, width);
    const chunks: Uint8Array[] = [];
    await decodeVideo(BUNNY, { pictures: [{ ...size, format: 'gray', fps: 25, chunkFrames: 250, onFrames: (f) => void chunks.push(f) }] });
    const rows: number[] = [];
    const stage = await createMotionStage({ ...size, settings: { ...MOTION_DEFAULTS, width }, onRows: (_f, data) => rows.push(...data) });
    const cpu = process.cpuUsage();
    let frames = 0;
    for (const c of chunks) {
      const n = c.length / (size.width * size.height);
      stage.push(c, n);
      frames += n;
    }
    stage.finish();
    runs.set(width, { rows: Float32Array.from(rows), ms: (cpuSeconds(cpu) / frames) * 1000 });
  }
  const ref = runs.get(256)!.rows;
  for (const [width, { rows, ms }] of runs) {
    const n = Math.min(ref.length, rows.length) / MOTION_DIMS;
    const rs: number[] = [];
    for (let c = 0; c < MOTION_DIMS; c++) {
      let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let r = 0; r < n; r++) {
        const a = ref[r * MOTION_DIMS + c];
        const b = rows[r * MOTION_DIMS + c];
        sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
      }
      const cov = sab / n - (sa / n) * (sb / n);
      const r = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
      if (Number.isFinite(r)) rs.push(r);
    }
    const size = motionFrameSize(1280, 720, width);
    console.log(`  ${size.width}×${size.height}: ${ms.toFixed(2)} CPU-ms/frame (×${(1000 / (25 * ms)).toFixed(1)} real time)  mean r ${(rs.reduce((a, b) => a + b, 0) / rs.length).toFixed(3)}`);
  }
}

/**
 * Wall ms per flow at the default size: our wasm Farneback and OpenCV.js's, timed in alternating
 * blocks of 50 pairs so both see the same machine load, and the summary of the flow.
 */
async function flowCost() {
  const size = motionFrameSize(1280, 720, MOTION_DEFAULTS.width);
  const pixels = size.width * size.height;
  const chunks: Uint8Array[] = [];
  await decodeVideo(BUNNY, { pictures: [{ ...size, format: 'gray', fps: 25, chunkFrames: 250, onFrames: (f, n) => void chunks.push(f.slice(0, n * pixels)) }] });
  const frames = Buffer.concat(chunks);
  const count = frames.length / pixels;
  const { cv } = await loadOpenCv();
  const opencv = new OpenCvFarneback(cv, size.width, size.height, MOTION_DEFAULTS.farneback);
  const flows = [
    { flow: new FarnebackFlow(size.width, size.height, MOTION_DEFAULTS.farneback), ms: 0 },
    { flow: opencv, ms: 0 },
  ];
  const geometry = { ...size, fps: 25 };
  const scratch = new FlowScratch(pixels);
  let summary = 0;
  const frame = (i: number) => frames.subarray(i * pixels, (i + 1) * pixels);
  for (let start = 1, block = 0; start < count; start += 50, block++) {
    for (const entry of block % 2 ? [...flows].reverse() : flows) {
      entry.flow.reset(frame(start - 1));
      for (let i = start; i < Math.min(count, start + 50); i++) {
        const t0 = performance.now();
        const field = entry.flow.step(frame(i));
        entry.ms += performance.now() - t0;
        if (entry === flows[0]) {
          const t1 = performance.now();
          summarizeFlow(field, geometry, scratch);
          summary += performance.now() - t1;
        }
      }
    }
  }
  opencv.dispose();
  const pairs = count - 1;
  const [oursMs, opencvMs] = flows.map(({ ms }) => ms / pairs);
  console.log(
    `one ${size.width}×${size.height} flow, ${pairs} pairs of big_buck_bunny_0_30.webm: Farneback ${oursMs.toFixed(2)} ms (OpenCV.js ${opencvMs.toFixed(2)} ms, ×${(opencvMs / oursMs).toFixed(2)}), ` +
      `summary ${(summary / pairs).toFixed(2)} ms (wall, load ${loadavg()[0].toFixed(1)})`,
  );
}

console.log(`visual + motion benchmark — ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (!existsSync(BUNNY)) {
  console.log(`skipped: ${BUNNY} is missing`);
} else if (motionOnly) {
  await flowCost();
} else {
  await flowCost();
  const backbone = await loadBackbone();
  const { visualMsPerFrame } = await speed(makeFilm(), backbone);
  if (!quick) {
    await visualTradeoff(backbone, visualMsPerFrame);
    await motionTradeoff();
  }
  console.log(`\nprocess peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}, load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  backbone.dispose();
}
