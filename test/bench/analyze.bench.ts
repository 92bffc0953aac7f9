/**
 * `npm run bench:analyze`: the whole Analyze job (audio descriptors, both sound event detectors,
 * visual, motion, valence) on a 10-minute 720p H.264/AAC film made by looping a real clip, against
 * ffmpeg merely decoding the same file to 224×224 frames and 16 kHz audio (the floor). Prints wall and
 * CPU time, × real time, when each stage finished, and peak resident memory of this process (the
 * ffmpeg decoders run beside it). Asserts nothing.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ApiService } from '../../src-main/api/service.js';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { Project } from '../../src-main/store/project.js';
import { SHARED_DIR } from '../helpers/media.js';

const FILM_SECONDS = Number(process.env.BENCH_FILM_SECONDS ?? 600);
const SOURCE = path.join(SHARED_DIR, 'data', 'video', 'big_buck_bunny_0_30.webm');

function makeFilm(): string {
  const dir = path.join(tmpdir(), 'valence-bench');
  const film = path.join(dir, `bunny-${FILM_SECONDS}s-720p-h264-aac.mp4`);
  if (existsSync(film)) return film;
  if (!existsSync(SOURCE)) throw new Error(`${SOURCE} not found: the benchmark film is made from it`);
  mkdirSync(dir, { recursive: true });
  console.log(`making the ${FILM_SECONDS / 60}-minute film (once; cached in ${dir})…`);
  execFileSync(ffmpegBinaries().ffmpeg, ['-nostdin', '-v', 'error', '-y', '-stream_loop', '-1', '-i', SOURCE, '-t', String(FILM_SECONDS),
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', `${film}.part.mp4`]);
  renameSync(`${film}.part.mp4`, film);
  return film;
}

function decodeFloor(film: string): { cpu: number; wall: number } | null {
  const args = ['-nostdin', '-benchmark', '-i', film, '-filter_complex', '[0:v:0]scale=224:224:flags=area,format=rgb24[v]',
    '-map', '[v]', '-f', 'rawvideo', '-y', '/dev/null', '-map', '0:a:0', '-ac', '1', '-ar', '16000', '-f', 'f32le', '-y', '/dev/null'];
  const bench = /bench: utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s/.exec(spawnSync(ffmpegBinaries().ffmpeg, args, { encoding: 'utf8' }).stderr);
  return bench ? { cpu: Number(bench[1]) + Number(bench[2]), wall: Number(bench[3]) } : null;
}

const film = makeFilm();
console.log(`machine: ${process.arch}, load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const floor = decodeFloor(film);
if (floor) console.log(`ffmpeg decode floor (224×224 RGB + 16 kHz mono): ${floor.wall.toFixed(1)} s wall, ${floor.cpu.toFixed(1)} CPU-s, ×${(FILM_SECONDS / floor.wall).toFixed(1)} real time`);

const project = Project.open(path.join(mkdtempSync(path.join(tmpdir(), 'vs-bench-')), 'bench.vsproj'));
const api = new ApiService(project);
const imported = await api.call('movies.import', { path: film });
await api.jobs.whenIdle();
const movieId = (project.jobs.get(imported.id).result as { movieId: number }).movieId;

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
const finished = new Map<string, number>();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
api.on('job.updated', (j) => {
  for (const [stage, f] of Object.entries(j.stages ?? {})) if (f >= 1 && !finished.has(stage)) finished.set(stage, (performance.now() - t0) / 1000);
});
const job = await api.call('movies.analyze', { movieId });
await api.jobs.whenIdle();
clearInterval(sampler);
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const done = project.jobs.get(job.id);

console.log(`\nAnalyze of a ${FILM_SECONDS} s film: ${done.state}${done.state === 'done' ? '' : ` — ${done.message}`}`);
console.log(`wall ${wall.toFixed(1)} s = ×${(FILM_SECONDS / wall).toFixed(2)} real time${floor ? `, ${(wall / floor.wall).toFixed(1)}× the decode floor` : ''}`);
console.log(`Node process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (ffmpeg decoders not included); peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`);
console.log('stage finished at (s after start; the soundtrack and picture paths run side by side):');
for (const [stage, t] of finished) console.log(`  ${stage.padEnd(14)} ${t.toFixed(1)}`);
if (done.result) for (const [stage, outcome] of Object.entries((done.result as { stages: Record<string, string> }).stages)) console.log(`  ${stage}: ${outcome}`);
console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
api.dispose();
project.close();
