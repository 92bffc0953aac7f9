/**
 * `npm run study:review`: how many review-queue corrections lift the detectors' held-out macro
 * segment F1 by 0.05 on the demo corpus, against the same number of corrections made to segments in
 * time order (#13 item 5).
 *
 * Per corpus seed, the demo corpus generator (scripts/make-corpus.ts, resources/demo) makes the
 * films; their planted events are the truth. The truth is taken out of a copy of the project, the
 * shipped detectors analyse every film (the app's audio path and event post-processing) and the
 * tagger features are cached, as Analyze and a first retrain would leave them. The last `--test`
 * films are held out. The queue (analysis/review-queue.ts) ranks the uncertain segments of the other
 * films; an oracle reviewer (sed/review/oracle.ts) answers the first k of them through the API's
 * review.decide, in queue order or in time order (film by film), on a fresh copy each time; then the
 * app's `train-sed` job retrains the detectors and the retrained heads are scored on the held-out
 * films against the truth (sed_eval segment-based, 1 s). A last run gives the retrain every true event
 * of the pool films, as a ceiling. Figures are means over the seeds; the retrained heads are scored
 * whether or not the regression guard activated them. Options: --out <dir> (default .tmp/review-study;
 * films and analyses built earlier are reused unless --fresh), --seeds 7,8,9, --movies N (12),
 * --seconds S (120), --test N (4), --ks 10,20,40,80,120,160, --data <dir>.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runAudioPath } from '../src-main/analysis/audio-path.js';
import { storedDetector } from '../src-main/analysis/project-models.js';
import { ReviewQueue } from '../src-main/analysis/review-queue.js';
import { storeModelEvents } from '../src-main/analysis/sed-descriptors.js';
import { taggerFeatures, taggerKind } from '../src-main/analysis/tagger-features.js';
import { ApiService } from '../src-main/api/service.js';
import { EVENT_CLASSES, type EventClass, type EventGroup } from '../src-main/contract/domain.js';
import type { JobResult } from '../src-main/contract/jobs.js';
import type { ReviewSegment } from '../src-main/contract/review.js';
import { initBackend } from '../src-main/ml/backend.js';
import { defaultModelDir, GROUPS, SoundEventDetector } from '../src-main/sed/detector.js';
import { evaluateHead } from '../src-main/sed/head/evaluate-head.js';
import { isHead, loadModel } from '../src-main/sed/model/model-io.js';
import { oracleVerdict } from '../src-main/sed/review/oracle.js';
import type { LabelledSpan } from '../src-main/sed/review/segments.js';
import { AudioTagger } from '../src-main/sed/tagger/tagger.js';
import { Project } from '../src-main/store/project.js';
import { standaloneContext } from '../src-main/util/task-context.js';
import { DEMO_DATA_DIR, makeCorpus } from './make-corpus.js';

const USAGE = 'usage: npm run study:review -- [--out <dir>] [--fresh] [--seeds 7,8,9] [--movies N] [--seconds S] [--test N] [--ks 10,20,40,80,120,160] [--data <dir>]';
const { values } = (() => {
  try {
    return parseArgs({
      options: {
        out: { type: 'string', default: '.tmp/review-study' },
        fresh: { type: 'boolean', default: false },
        seeds: { type: 'string', default: '7,8,9' },
        movies: { type: 'string', default: '12' },
        seconds: { type: 'string', default: '120' },
        test: { type: 'string', default: '4' },
        ks: { type: 'string', default: '10,20,40,80,120,160' },
        data: { type: 'string', default: DEMO_DATA_DIR },
      },
    });
  } catch (err) {
    console.error(`review-study: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
const [movies, seconds, testFilms] = [values.movies, values.seconds, values.test].map(Number);
const seeds = values.seeds.split(',').map(Number);
const ks = values.ks.split(',').map(Number);
if (![movies, seconds, testFilms, ...seeds, ...ks].every((v) => Number.isInteger(v) && v > 0) || testFilms >= movies) {
  console.error(`review-study: --movies, --seconds, --test, --seeds and --ks take positive whole numbers, with --test below --movies\n${USAGE}`);
  process.exit(2);
}

const out = resolve(values.out);
const started = performance.now();
const say = (m: string) => console.error(`[review-study ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);
/** Wall and CPU seconds of each phase, summed over the seeds. */
const phases: Record<string, { wallS: number; cpuS: number }> = {};
async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  try {
    return await run();
  } finally {
    const used = process.cpuUsage(cpu);
    const sum = (phases[name] ??= { wallS: 0, cpuS: 0 });
    sum.wallS += (performance.now() - wall) / 1000;
    sum.cpuS += (used.user + used.system) / 1e6;
  }
}

const copyOf = (p: Project, path: string) => {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  p.db.exec(`VACUUM INTO '${path.replaceAll("'", "''")}'`);
  return Project.open(path, { create: false });
};
const discard = (p: Project) => {
  p.close();
  for (const f of [p.path, `${p.path}-wal`, `${p.path}-shm`]) rmSync(f, { force: true });
};

/** The corpus with its truth; the base: the same films, truth removed, analysed by the shipped detectors, tagger features cached. */
async function prepare(dir: string, seed: number): Promise<{ corpus: Project; base: Project }> {
  const corpusPath = join(dir, 'corpus.vsproj');
  const basePath = join(dir, 'study-base.vsproj');
  if (!existsSync(corpusPath)) await phase('corpus', () => makeCorpus({ out: dir, movies, seconds, seed, data: resolve(values.data), onProgress: say }));
  else say(`reusing the films in ${dir} (--fresh rebuilds them)`);
  const corpus = Project.open(corpusPath, { create: false });
  let base: Project;
  if (existsSync(basePath)) base = Project.open(basePath, { create: false });
  else {
    base = copyOf(corpus, basePath);
    for (const m of base.movies.list()) for (const e of base.events.list(m.id)) base.events.delete(e.id);
  }
  // Both passes skip what an earlier run stored, so an interrupted one picks up where it stopped.
  await phase('detection', async () => {
    const detector = await SoundEventDetector.load();
    try {
      for (const m of base.movies.list()) {
        const sets = await runAudioPath(base, m, detector, standaloneContext(), () => {});
        for (const g of GROUPS) storeModelEvents(base, m.id, g, sets.sed![g].id, detector.models[g]);
      }
    } finally {
      detector.dispose();
    }
  });
  await phase('tagger features', async () => {
    const tagger = await AudioTagger.load();
    try {
      for (const m of base.movies.list()) await taggerFeatures(base.descriptors, m, tagger);
    } finally {
      await tagger.release();
    }
  });
  return { corpus, base };
}

type Scores = { macro: number; group: Record<EventGroup, number>; classes: Record<string, number> };

/** Each group's detector (a stored version, else the shipped one) scored on the held-out films against the truth. */
async function heldOut(project: Project, held: number[], truth: Map<number, LabelledSpan[]>, versions: Partial<Record<EventGroup, string>>): Promise<Scores> {
  const examples = held.map((id) => {
    const set = project.descriptors.find(id, taggerKind)!;
    const events = truth.get(id)!.map((t) => ({ label: t.label as EventClass, onset: t.start, offset: t.end }));
    return { features: project.descriptors.read(set.id), events, durationS: project.movies.get(id).duration };
  });
  const classes: Record<string, number> = {};
  const group = {} as Record<EventGroup, number>;
  for (const g of GROUPS) {
    const stored = versions[g] ? project.models.byVersion(versions[g]) : null;
    const loaded = stored ? storedDetector(project, stored) : await loadModel(defaultModelDir(g));
    try {
      if (!isHead(loaded.model)) throw new Error(`the ${g} detector is not a tagger head`);
      const scored = evaluateHead(loaded.model, examples, loaded.meta.postprocess).segment;
      for (const [c, s] of Object.entries(scored.classWise)) classes[c] = s.fMeasure;
      group[g] = scored.classWiseAverage.fMeasure;
    } finally {
      loaded.model.dispose();
    }
  }
  return { macro: EVENT_CLASSES.reduce((s, c) => s + classes[c], 0) / EVENT_CLASSES.length, group, classes };
}

/**
 * The app's retrain, one job per group (so one group's refusal, e.g. no film with curated events of
 * it yet, leaves the other): the stored versions, the guard's verdicts, and why a group was refused.
 */
async function retrain(api: ApiService) {
  const p = api.project;
  const versions: Partial<Record<EventGroup, string>> = {};
  const activated: Record<string, boolean> = {};
  const refused: Record<string, string> = {};
  for (const group of GROUPS) {
    const job = await api.call('sed.train', { groups: [group] });
    await api.jobs.whenIdle();
    const done = p.jobs.get(job.id);
    if (done.state !== 'done') {
      refused[group] = done.message;
      continue;
    }
    for (const m of (done.result as JobResult<'train-sed'>).models) [versions[m.group], activated[m.group]] = [m.version, m.activated];
  }
  return { versions, activated, refused };
}

interface Run {
  order: string;
  k: number;
  verdicts: Record<string, number>;
  films: number;
  activated: Record<string, boolean>;
  refused: Record<string, string>;
  scores: Scores;
}

/** The truth of the films: the corpus's planted events. */
const truthOf = (corpus: Project, films: number[]) =>
  new Map(films.map((id) => [id, corpus.events.list(id).filter((e) => e.source === 'import').map((e) => ({ label: e.label, start: e.onset, end: e.offset }))]));

/** The oracle's verdicts on the first k segments through the API, the app's retrain, the held-out scores. */
async function correctAndRetrain(base: Project, dir: string, segments: ReviewSegment[], k: number, held: number[], truth: Map<number, LabelledSpan[]>) {
  const api = new ApiService(copyOf(base, join(dir, 'run.vsproj')));
  try {
    const verdicts: Record<string, number> = { accept: 0, reject: 0, relabel: 0 };
    for (const s of segments.slice(0, k)) {
      const v = oracleVerdict(s, truth.get(s.movieId)!);
      verdicts[v.verdict]++;
      const segment = { movieId: s.movieId, label: s.label, start: s.start, end: s.end };
      await api.call('review.decide', v.verdict === 'relabel' ? { segment, verdict: 'relabel', label: v.label as EventClass } : { segment, verdict: v.verdict });
    }
    const { versions, activated, refused } = await retrain(api);
    const films = new Set(segments.slice(0, k).map((s) => s.movieId)).size;
    return { verdicts, films, activated, refused, scores: await heldOut(api.project, held, truth, versions) };
  } finally {
    api.dispose();
    discard(api.project);
  }
}

/** The retrain given every true event of the pool films. */
async function ceilingRun(base: Project, dir: string, pool: number[], held: number[], truth: Map<number, LabelledSpan[]>) {
  const api = new ApiService(copyOf(base, join(dir, 'run.vsproj')));
  try {
    for (const id of pool) {
      const track = api.project.events.track(id, 'ground truth');
      for (const t of truth.get(id)!) api.project.events.put({ trackId: track, movieId: id, label: t.label as EventClass, onset: t.start, offset: t.end, source: 'import', confidence: null, modelVersion: null });
    }
    const { versions, activated, refused } = await retrain(api);
    return { scores: await heldOut(api.project, held, truth, versions), activated, refused };
  } finally {
    api.dispose();
    discard(api.project);
  }
}

async function studySeed(seed: number) {
  const dir = join(out, `seed-${seed}`);
  mkdirSync(dir, { recursive: true });
  const { corpus, base } = await prepare(dir, seed);
  try {
    const films = base.movies.list().map((m) => m.id);
    const [held, pool] = [films.slice(-testFilms), films.slice(0, -testFilms)];
    const truth = truthOf(corpus, films);
    const baseline = await heldOut(base, held, truth, {});
    const queued = (await new ReviewQueue(base).list({ limit: 5000 })).segments.filter((s) => pool.includes(s.movieId));
    const orders: Record<string, ReviewSegment[]> = {
      queue: queued,
      'time order': [...queued].sort((a, b) => pool.indexOf(a.movieId) - pool.indexOf(b.movieId) || a.start - b.start || a.label.localeCompare(b.label)),
    };
    say(`seed ${seed}: shipped detectors on ${held.length} held-out films, macro segment F1 ${baseline.macro.toFixed(3)}; ${queued.length} uncertain segments on ${pool.length} pool films`);
    const runs: Run[] = [];
    await phase('corrections and retraining', async () => {
      for (const [order, segments] of Object.entries(orders)) {
        for (const k of ks.filter((n) => n <= segments.length)) {
          const run = { order, k, ...(await correctAndRetrain(base, dir, segments, k, held, truth)) };
          runs.push(run);
          const delta = run.scores.macro - baseline.macro;
          say(`seed ${seed}, ${order}, k = ${k} (${JSON.stringify(run.verdicts)} on ${run.films} films): ${run.scores.macro.toFixed(3)} (${delta >= 0 ? '+' : ''}${delta.toFixed(3)})`);
        }
      }
    });
    const ceiling = await phase('all truth', () => ceilingRun(base, dir, pool, held, truth));
    return { seed, baseline, segments: queued.length, runs, ceiling };
  } finally {
    corpus.close();
    base.close();
  }
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  if (values.fresh) rmSync(out, { recursive: true, force: true });
  await initBackend();
  const perSeed: Array<Awaited<ReturnType<typeof studySeed>>> = [];
  for (const seed of seeds) perSeed.push(await studySeed(seed));
  const rows = perSeed[0].runs.map(({ order, k }) => {
    const same = perSeed.map((s) => ({ run: s.runs.find((r) => r.order === order && r.k === k)!, baseline: s.baseline }));
    const deltas = same.map(({ run, baseline }) => run.scores.macro - baseline.macro);
    const verdicts = Object.fromEntries(['accept', 'reject', 'relabel'].map((v) => [v, mean(same.map(({ run }) => run.verdicts[v]))]));
    return { order, k, verdicts, macro: mean(same.map(({ run }) => run.scores.macro)), delta: mean(deltas), range: [Math.min(...deltas), Math.max(...deltas)], films: mean(same.map(({ run }) => run.films)) };
  });
  const baseline = mean(perSeed.map((s) => s.baseline.macro));
  const ceiling = mean(perSeed.map((s) => s.ceiling.scores.macro - s.baseline.macro));
  const orders = [...new Set(rows.map((r) => r.order))];
  const reached = Object.fromEntries(orders.map((o) => [o, rows.find((r) => r.order === o && r.delta >= 0.05)?.k ?? null]));
  const summary = {
    corpus: { seeds, movies, seconds, heldOut: testFilms, data: resolve(values.data) },
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverage: loadavg(), node: process.version },
    baseline,
    ceilingDelta: ceiling,
    reached,
    rows,
    perSeed,
    phases,
    wallS: (performance.now() - started) / 1000,
  };
  writeFileSync(join(out, 'review-study.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(`Mean over corpus seeds ${seeds.join(', ')} (${movies} films of ${seconds} s each, ${testFilms} held out); shipped detectors ${baseline.toFixed(3)}.`);
  console.log('| order | k | accept / reject / relabel | films touched | macro segment F1 | Δ (min … max over seeds) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const v = r.verdicts;
    console.log(`| ${r.order} | ${r.k} | ${v.accept.toFixed(0)} / ${v.reject.toFixed(0)} / ${v.relabel.toFixed(0)} | ${r.films.toFixed(1)} | ${r.macro.toFixed(3)} | ${signed(r.delta)} (${signed(r.range[0])} … ${signed(r.range[1])}) |`);
  }
  console.log(`| every true event of the pool films | – | – | – | ${(baseline + ceiling).toFixed(3)} | ${signed(ceiling)} |`);
  for (const [o, k] of Object.entries(reached)) console.log(`${o}: ${k === null ? `+0.05 not reached by k = ${Math.max(...ks)}` : `+0.05 at k = ${k}`}`);
  console.log(`wall ${summary.wallS.toFixed(0)} s; CPU by phase ${Object.entries(phases).map(([n, p]) => `${n} ${p.cpuS.toFixed(0)} s`).join(', ')}`);
}

// An error ends the run with its message (the WebAssembly backend would otherwise print its own source).
main().catch((err: Error) => {
  console.error(`review-study: ${err.stack ?? err.message}`);
  process.exit(1);
});
