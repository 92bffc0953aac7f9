/**
 * `npm run bench:analyze`: the whole Analyze job (audio descriptors, both sound event detectors,
 * visual, motion, valence) on a 720p H.264/AAC film made by looping a real clip, once per thread
 * count, back to back on the same film. Each run is its own process (so peak memory and warm-up are
 * its own) and follows a fresh measurement of the floor: ffmpeg merely decoding the same file to
 * 224×224 frames and 16 kHz audio. Prints wall time, × real time, the ratio to the floor, CPU per
 * stage and thread, ffmpeg's CPU, and peak resident memory. Asserts nothing.
 *
 *   BENCH_FILM_SECONDS  film length (default 300)
 *   BENCH_THREADS       comma-separated thread counts to compare (default: 1 and one per core)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeMovie, type AnalysisStage } from '../../src-main/analysis/analyze-movie.js';
import { projectAnalyzeDeps } from '../../src-main/analysis/project-deps.js';
import { StageCpu, type StageCpuEntry } from '../../src-main/analysis/workers/stage-cpu.js';
import { threadCpuIsPerThread, threadCpuSeconds } from '../../src-main/analysis/workers/thread-cpu.js';
import { ApiService } from '../../src-main/api/service.js';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { Project } from '../../src-main/store/project.js';
import { standaloneContext } from '../../src-main/util/task-context.js';
import { SHARED_DIR } from '../helpers/media.js';

const FILM_SECONDS = Number(process.env.BENCH_FILM_SECONDS ?? 300);
const SOURCE = path.join(SHARED_DIR, 'data', 'video', 'big_buck_bunny_0_30.webm');
const SELF = new URL(import.meta.url).pathname;

interface RunReport {
  threads: number;
  state: string;
  wall: number;
  processCpu: number;
  mainCpu: number;
  ffmpegCpu: number | null;
  peakRssMb: number | null;
  stages: StageCpuEntry[];
  finishedAt: Record<string, number>;
  outcomes: Record<string, string>;
}

/** Longer films are this long a piece, encoded once and stream-copied end to end (encoding 2 h of 720p takes most of an hour here). */
const PIECE_SECONDS = 600;

function makeFilm(seconds = FILM_SECONDS): string {
  const dir = path.join(tmpdir(), 'valence-bench');
  const film = path.join(dir, `bunny-${seconds}s-720p-h264-aac.mp4`);
  if (existsSync(film)) return film;
  if (!existsSync(SOURCE)) throw new Error(`${SOURCE} not found: the benchmark film is made from it`);
  mkdirSync(dir, { recursive: true });
  console.log(`making the ${seconds / 60}-minute film (once; cached in ${dir})…`);
  const ffmpeg = ffmpegBinaries().ffmpeg;
  if (seconds > PIECE_SECONDS) {
    const piece = makeFilm(PIECE_SECONDS);
    const list = `${film}.txt`;
    writeFileSync(list, `file '${piece}'\n`.repeat(Math.ceil(seconds / PIECE_SECONDS)));
    execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-t', String(seconds), '-c', 'copy', '-movflags', '+faststart', `${film}.part.mp4`]);
  } else {
    execFileSync(ffmpeg, ['-nostdin', '-v', 'error', '-y', '-stream_loop', '-1', '-i', SOURCE, '-t', String(seconds),
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', `${film}.part.mp4`]);
  }
  renameSync(`${film}.part.mp4`, film);
  return film;
}

function decodeFloor(film: string): { cpu: number; wall: number } | null {
  const args = ['-nostdin', '-benchmark', '-i', film, '-filter_complex', '[0:v:0]scale=224:224:flags=area,format=rgb24[v]',
    '-map', '[v]', '-f', 'rawvideo', '-y', '/dev/null', '-map', '0:a:0', '-ac', '1', '-ar', '16000', '-f', 'f32le', '-y', '/dev/null'];
  const bench = /bench: utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s/.exec(spawnSync(ffmpegBinaries().ffmpeg, args, { encoding: 'utf8' }).stderr);
  return bench ? { cpu: Number(bench[1]) + Number(bench[2]), wall: Number(bench[3]) } : null;
}

/** CPU seconds of this process's finished children (the ffmpeg decoders), where Linux tells. */
function childCpuSeconds(): number | null {
  try {
    // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 Hz on Linux).
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

function peakRssMb(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** One Analyze with `threads` threads, in this (child) process; prints its report as JSON. */
async function runOnce(film: string, threads: number): Promise<void> {
  const project = Project.open(path.join(mkdtempSync(path.join(tmpdir(), 'vs-bench-')), 'bench.vsproj'));
  const api = new ApiService(project);
  const imported = await api.call('movies.import', { path: film });
  await api.jobs.whenIdle();
  const movieId = (project.jobs.get(imported.id).result as { movieId: number }).movieId;
  api.dispose();

  const cpu = new StageCpu();
  const finishedAt: Record<string, number> = {};
  const t0 = performance.now();
  const ctx = standaloneContext((_f, _m, stages) => {
    for (const [stage, f] of Object.entries(stages ?? {})) if (f >= 1 && !(stage in finishedAt)) finishedAt[stage] = (performance.now() - t0) / 1000;
  });
  const [process0, main0, children0] = [process.cpuUsage(), threadCpuSeconds(), childCpuSeconds()];
  let state = 'done';
  let outcomes: Record<string, string> = {};
  try {
    outcomes = (await analyzeMovie(project, { movieId, threads }, ctx, { ...projectAnalyzeDeps(project), cpu })).stages;
  } catch (err) {
    state = `failed: ${(err as Error).message}`;
  }
  const wall = (performance.now() - t0) / 1000;
  const processCpu = process.cpuUsage(process0);
  const children1 = childCpuSeconds();
  const report: RunReport = {
    threads, state, wall, finishedAt, outcomes,
    processCpu: (processCpu.user + processCpu.system) / 1e6,
    mainCpu: threadCpuSeconds() - main0,
    ffmpegCpu: children0 === null || children1 === null ? null : children1 - children0,
    peakRssMb: peakRssMb(),
    stages: cpu.entries(),
  };
  project.close();
  console.log(`REPORT ${JSON.stringify(report)}`);
}

const f1 = (n: number) => n.toFixed(1);

function print(r: RunReport, floor: { cpu: number; wall: number } | null, load: [number[], number[]]): void {
  const loads = load.map((l) => l.map(f1).join(' ')).join(' → ');
  console.log(`\n— threads ${r.threads}: ${r.state} (load average ${loads})`);
  console.log(`wall ${f1(r.wall)} s = ×${(FILM_SECONDS / r.wall).toFixed(2)} real time${floor ? `; decode floor ${f1(floor.wall)} s (${f1(floor.cpu)} CPU-s) measured just before → ${(r.wall / floor.wall).toFixed(2)}× the floor` : ''}`);
  const workers = r.stages.filter((s) => s.thread === 'worker').reduce((a, s) => a + s.seconds, 0);
  console.log(`CPU: Node process ${f1(r.processCpu)} s (main thread ${f1(r.mainCpu)} s${threadCpuIsPerThread() ? '' : ' [process-wide: no per-thread clock here]'}, worker threads ${f1(workers)} s, the rest native pools and GC), ffmpeg ${r.ffmpegCpu === null ? '?' : f1(r.ffmpegCpu)} s; peak RSS ${r.peakRssMb === null ? '?' : r.peakRssMb.toFixed(0)} MB`);
  const onMain = r.stages.filter((s) => s.thread === 'main');
  const mainStages = onMain.reduce((a, s) => a + s.seconds, 0);
  console.log(`  main thread:   ${onMain.map((s) => `${s.stage} ${f1(s.seconds)}`).join(' · ')} · other (decode pipes, progress, GC) ${f1(r.mainCpu - mainStages)}`);
  for (const s of r.stages.filter((e) => e.thread === 'worker')) console.log(`  worker thread: ${s.stage} ${f1(s.seconds)}`);
  console.log(`  finished at (s): ${Object.entries(r.finishedAt).map(([s, t]) => `${s} ${f1(t)}`).join(' · ')}`);
  for (const [stage, outcome] of Object.entries(r.outcomes)) if (!outcome.startsWith('done')) console.log(`  ${stage as AnalysisStage}: ${outcome}`);
}

const film = makeFilm();
if (process.env.BENCH_RUN) {
  await runOnce(film, Number(process.env.BENCH_RUN));
} else {
  const threadCounts = (process.env.BENCH_THREADS ?? `1,${availableParallelism()}`).split(',').map(Number);
  console.log(`Analyze of a ${FILM_SECONDS} s 720p film, ${process.arch}, ${availableParallelism()} cores; threads ${threadCounts.join(' then ')}`);
  const reports: RunReport[] = [];
  for (const threads of threadCounts) {
    const before = loadavg();
    const floor = decodeFloor(film);
    const child = spawnSync(process.execPath, ['--import', 'tsx', SELF], { env: { ...process.env, BENCH_RUN: String(threads) }, encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = child.stdout.split('\n').find((l) => l.startsWith('REPORT '));
    if (!line) throw new Error(`the threads=${threads} run printed no report:\n${child.stderr.slice(-2000)}`);
    const report = JSON.parse(line.slice('REPORT '.length)) as RunReport;
    reports.push(report);
    print(report, floor, [before, loadavg()]);
  }
  if (reports.length > 1) {
    const [base, ...rest] = reports;
    for (const r of rest) {
      console.log(`\nthreads ${r.threads} vs ${base.threads}: wall ×${(base.wall / r.wall).toFixed(2)} faster; Node CPU ${f1(r.processCpu)} s vs ${f1(base.processCpu)} s`);
    }
  }
}
