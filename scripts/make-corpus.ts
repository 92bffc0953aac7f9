/**
 * `npm run make:corpus -- --out <dir> [--movies N] [--seconds S] [--seed N] [--data <dir>]`: a seeded
 * corpus of synthetic movies for the valence pipeline. Each movie has a picture and music-like tones
 * that follow a real COGNIMUSE valence trace (cut, squeezed, scaled), real human sounds mixed in at
 * planned times, and a valence trace that those sounds pull towards the extremes. The recordings and
 * traces come from the repo's resources/demo (shipped with attribution) unless --data <dir> names
 * another folder with the same layout (human-sounds/manifest.tsv, cognimuse/<FILM>/intended_1.dat or
 * intended_1.dat.gz), e.g. ../shared/data. Writes the films, their traces (COGNIMUSE format) and
 * event lists, a corpus.json describing it all, and a ready project corpus.vsproj with the movies
 * imported, the valence attached and the events stored as ground truth (source 'import').
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { EVENT_CLASSES, VALENCE_RATE_HZ, type EventClass } from '../src-main/contract/domain.js';
import { importMovie } from '../src-main/jobs/import-movie.js';
import { standaloneContext } from '../src-main/util/task-context.js';
import { decodeAudio } from '../src-main/media/decode-audio.js';
import { ffmpegBinaries } from '../src-main/media/ffmpeg-binaries.js';
import { Project } from '../src-main/store/project.js';
import { meanTrace, parseCognimuse, type AnnotationTrace } from '../src-main/valence/data/cognimuse.js';
import { EVENT_EFFECTS, RESPONSE } from '../src-main/valence/corpus/event-effects.js';
import { planEvents, type PlannedEvent, type SoundFile } from '../src-main/valence/corpus/event-plan.js';
import { paintFrame, PICTURE } from '../src-main/valence/corpus/picture.js';
import { ANALYSIS_SAMPLE_RATE } from '../src-main/media/audio-rate.js';
import { mixClips, music } from '../src-main/valence/corpus/soundtrack.js';
import { applyEvents, chooseCut, resampleCut } from '../src-main/valence/corpus/valence-trace.js';
import { Rng } from '../src-main/util/random.js';
import { encodeWav16 } from '../src-main/media/wav.js';

export interface CorpusOptions {
  out: string;
  movies: number;
  seconds: number;
  seed: number;
  /** A folder holding human-sounds/ and cognimuse/; default DEMO_DATA_DIR. */
  data?: string;
  onProgress?: (message: string) => void;
}

/** Base valence is scaled down so the extremes come mostly from the events. */
const BASE_SCALE = 0.6;
const EVENT_SPACING_S = 6;
const EVENT_MAX_S = 4.5;
const FILMS = ['BMI', 'CHI', 'CRA', 'DEP', 'FNE', 'GLA', 'LOR'];

/** The demo data shipped in the repo (resources/demo): a subset of the recordings and all seven traces. */
export const DEMO_DATA_DIR = resolve(import.meta.dirname, '..', 'resources', 'demo');

/** Why `dir` cannot feed the corpus generator, or null when it has what it needs. */
export function missingCorpusData(dir: string): string | null {
  if (!existsSync(join(dir, 'human-sounds', 'manifest.tsv'))) return `${dir} has no human-sounds/manifest.tsv`;
  if (!existsSync(join(dir, 'cognimuse'))) return `${dir} has no cognimuse/ folder`;
  return null;
}

/** One film's COGNIMUSE intended trace from `<dir>/<film>/intended_1.dat`, or its gzipped `.dat.gz`. */
export function readIntendedTrace(dir: string, film: string): AnnotationTrace {
  const plain = join(dir, film, 'intended_1.dat');
  const text = existsSync(plain)
    ? readFileSync(plain, 'utf8')
    : existsSync(`${plain}.gz`)
      ? gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8')
      : null;
  if (text === null) throw new Error(`no COGNIMUSE trace for ${film}: neither ${plain} nor ${plain}.gz exists`);
  return parseCognimuse(text, `${film}/intended_1.dat`);
}

function readSoundFiles(dir: string): SoundFile[] {
  const [header, ...rows] = readFileSync(join(dir, 'manifest.tsv'), 'utf8').trim().split('\n');
  const cols = header.split('\t');
  const at = (name: string) => cols.indexOf(name);
  return rows
    .map((r) => r.split('\t'))
    .filter((c) => (EVENT_CLASSES as readonly string[]).includes(c[at('label')]))
    .map((c) => ({ file: join(dir, c[at('file')]), label: c[at('label')] as EventClass, duration: Number(c[at('duration_s')]) }));
}

async function decodeAll(files: string[]): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const f of files) out.set(f, await decodeAudio(f, { sampleRate: ANALYSIS_SAMPLE_RATE }));
  return out;
}


/** Encodes the painted frames (piped raw) with the soundtrack (a WAV file) into an H.264/AAC MP4. */
function encodeMovie(out: string, wav: string, base: Float32Array): Promise<void> {
  const { width, height, fps } = PICTURE;
  const args = ['-nostdin', '-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(fps), '-i', 'pipe:0', '-i', wav,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k', '-shortest', '-movflags', '+faststart', out];
  const proc = spawn(ffmpegBinaries().ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<void>((res, rej) => {
    proc.on('error', rej);
    proc.on('close', (code) => (code === 0 ? res() : rej(new Error(`ffmpeg failed (${code}): ${stderr.trim()}`))));
  });
  return (async () => {
    const frame = new Uint8Array(width * height * 3);
    for (let f = 0; f < base.length; f++) {
      paintFrame(f, base[f], frame);
      if (!proc.stdin.write(Buffer.from(frame))) await new Promise((r) => proc.stdin.once('drain', r));
    }
    proc.stdin.end();
    await done;
  })();
}

const cognimuseText = (t: AnnotationTrace) =>
  Array.from(t.valence, (v, i) => `${(i / VALENCE_RATE_HZ).toFixed(2)} ${v.toFixed(3)} ${t.arousal[i].toFixed(3)}`).join('\n') + '\n';

interface MovieRecord {
  file: string;
  film: string;
  cut: { from: number; span: number };
  events: Omit<PlannedEvent, 'clips'>[];
  clips: PlannedEvent['clips'];
}

export async function makeCorpus(o: CorpusOptions): Promise<string> {
  const log = o.onProgress ?? (() => {});
  const projectPath = join(o.out, 'corpus.vsproj');
  if (existsSync(projectPath)) throw new Error(`${projectPath} already exists; choose another --out or delete it`);
  const data = o.data ?? DEMO_DATA_DIR;
  const missing = missingCorpusData(data);
  if (missing) throw new Error(`the corpus is mixed from real recordings and COGNIMUSE traces, but ${missing}; pass --data <dir> with human-sounds/ and cognimuse/`);
  const sounds = readSoundFiles(join(data, 'human-sounds'));
  const films = FILMS.slice(0, Math.min(FILMS.length, o.movies)).map((f) => ({ film: f, trace: meanTrace([readIntendedTrace(join(data, 'cognimuse'), f)]) }));
  mkdirSync(o.out, { recursive: true });
  const frames = Math.round(o.seconds * VALENCE_RATE_HZ);
  const records: MovieRecord[] = [];
  const traces: AnnotationTrace[] = [];
  for (let k = 0; k < o.movies; k++) {
    const rng = new Rng(o.seed * 7919 + k);
    const { film, trace } = films[k % films.length];
    const cut = chooseCut(rng, trace.valence.length, frames);
    const base = resampleCut(trace.valence, cut, frames, BASE_SCALE);
    const plan = planEvents(rng, sounds, { seconds: o.seconds, spacing: EVENT_SPACING_S, maxLength: EVENT_MAX_S });
    const valence = applyEvents(base, plan);
    traces.push({ valence, arousal: resampleCut(trace.arousal, cut, frames, 1) });
    const file = `movie-${String(k + 1).padStart(2, '0')}`;
    log(`${file}: ${film} frames ${cut.from}…${cut.from + cut.span}, ${plan.length} events; mixing`);
    const decoded = await decodeAll([...new Set(plan.flatMap((e) => e.clips.map((c) => c.file)))]);
    const track = music(base, o.seconds);
    mixClips(track, plan.flatMap((e) => e.clips), decoded);
    const wav = join(o.out, `${file}.wav`);
    writeFileSync(wav, encodeWav16(track, ANALYSIS_SAMPLE_RATE));
    log(`${file}: encoding`);
    await encodeMovie(join(o.out, `${file}.mp4`), wav, base);
    rmSync(wav);
    writeFileSync(join(o.out, `${file}.valence.dat`), cognimuseText(traces[k]));
    writeFileSync(join(o.out, `${file}.events.tsv`), 'label\tonset\toffset\n' + plan.map((e) => `${e.label}\t${e.onset.toFixed(3)}\t${e.offset.toFixed(3)}`).join('\n') + '\n');
    records.push({ file: `${file}.mp4`, film, cut, events: plan.map(({ clips: _c, ...e }) => e), clips: plan.flatMap((e) => e.clips) });
  }
  writeFileSync(
    join(o.out, 'corpus.json'),
    JSON.stringify({ seed: o.seed, seconds: o.seconds, baseScale: BASE_SCALE, effects: EVENT_EFFECTS, response: RESPONSE, movies: records }, null, 2) + '\n',
  );
  const project = Project.open(projectPath);
  try {
    for (const [k, r] of records.entries()) {
      log(`${r.file}: importing`);
      const movie = await importMovie(project, { path: join(o.out, r.file) }, standaloneContext());
      const usable = Math.min(frames, Math.ceil(movie.duration * VALENCE_RATE_HZ));
      project.db.transaction(() => {
        project.valence.insert({ movieId: movie.id, kind: 'annotation', name: `synthetic (COGNIMUSE ${r.film} base)`, rate: VALENCE_RATE_HZ, values: traces[k].valence.slice(0, usable) });
        const track = project.events.track(movie.id, 'ground truth');
        for (const e of r.events) project.events.put({ trackId: track, movieId: movie.id, label: e.label, onset: e.onset, offset: e.offset, source: 'import', confidence: null, modelVersion: null });
      })();
    }
  } finally {
    project.close();
  }
  return projectPath;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const usage = 'usage: npm run make:corpus -- --out <dir> [--movies N] [--seconds S] [--seed N] [--data <dir>]';
  let values: { out?: string; movies?: string; seconds?: string; seed?: string; data?: string };
  try {
    ({ values } = parseArgs({
      options: { out: { type: 'string' }, movies: { type: 'string' }, seconds: { type: 'string' }, seed: { type: 'string' }, data: { type: 'string' } },
    }));
  } catch (err) {
    console.error(`make-corpus: ${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (!values.out) {
    console.error(usage);
    process.exit(2);
  }
  const options: CorpusOptions = {
    out: resolve(values.out),
    movies: Number(values.movies ?? 7),
    seconds: Number(values.seconds ?? 120),
    seed: Number(values.seed ?? 1),
    data: resolve(values.data ?? DEMO_DATA_DIR),
    onProgress: (m) => process.stderr.write(`make-corpus: ${m}\n`),
  };
  for (const [k, v] of Object.entries({ movies: options.movies, seconds: options.seconds, seed: options.seed })) {
    if (!Number.isFinite(v) || v <= 0) {
      console.error(`make-corpus: --${k} must be a positive number`);
      process.exit(2);
    }
  }
  makeCorpus(options).then(
    (p) => console.log(`wrote ${p}`),
    (err: Error) => {
      console.error(`make-corpus: ${err.message}`);
      process.exit(1);
    },
  );
}
