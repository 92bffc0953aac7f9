/**
 * `npm run demo`: a demo project from scratch, then the app on it. Builds a few short synthetic films
 * (the corpus generator: real human sounds at known times, valence from real COGNIMUSE traces),
 * analyses them (descriptors, sound events, picture), trains a quick Fea-TF SCMA valence model on
 * all but the last film, analyses that unseen film with it, and opens the project in the desktop app
 * when Electron is installed, else serves it in browser mode. The recordings and traces are the repo's
 * resources/demo (a subset shipped with attribution), so it works from a fresh clone. Options: --out <dir> (default .demo),
 * --movies N, --seconds S, --data <dir> (another folder with human-sounds/ and cognimuse/, e.g.
 * ../shared/data), --no-serve, --export-default (also write the trained model to
 * resources/models/valence-default). A demo project built earlier is reopened as it is (the researcher's
 * edits kept); --fresh deletes it and builds a new one.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportValenceModel, DEFAULT_VALENCE_DIR } from '../src-main/analysis/default-valence-model.js';
import { currentDetectorVersions } from '../src-main/analysis/detector-versions.js';
import { ApiService } from '../src-main/api/service.js';
import { RENDERER_DIR } from '../src-main/app/session.js';
import { standaloneContext } from '../src-main/util/task-context.js';
import { initBackend } from '../src-main/ml/backend.js';
import { setNativeProducts } from '../src-main/ml/native-products.js';
import { Project } from '../src-main/store/project.js';
import { startBrowserServer } from '../src-main/transports/http.js';
import { trainOnProject } from '../src-main/analysis/valence/train-project.js';
import { PAPER_TRAINING } from '../src-main/valence/training/settings.js';
import { DEMO_DATA_DIR, makeCorpus, missingCorpusData } from './make-corpus.js';
import { Workspace } from '../src-main/app/workspace.js';

const USAGE = 'usage: npm run demo -- [--fresh] [--out <dir>] [--movies N] [--seconds S] [--data <dir>] [--no-serve] [--export-default]';
function options() {
  try {
    return parseArgs({
      options: {
        out: { type: 'string', default: '.demo' },
        movies: { type: 'string', default: '4' },
        seconds: { type: 'string', default: '60' },
        data: { type: 'string', default: DEMO_DATA_DIR },
        'no-serve': { type: 'boolean', default: false },
        'export-default': { type: 'boolean', default: false },
        fresh: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    console.error(`demo: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const values = options();

const started = Date.now();
const say = (m: string) => console.error(`[demo ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}`);

const data = resolve(values.data);
const missing = missingCorpusData(data);
if (missing) {
  console.error(`demo: the demo films are mixed from real recordings and COGNIMUSE traces, but ${missing}; pass --data <dir> with human-sounds/ and cognimuse/ (the repo ships them in ${DEMO_DATA_DIR})`);
  process.exit(1);
}

const out = resolve(values.out);
const existing = join(out, 'corpus.vsproj');
const reopen = existsSync(existing) && !values.fresh;
if (reopen && values['export-default']) {
  console.error(`demo: --export-default trains a new model; add --fresh to rebuild the demo in ${out}`);
  process.exit(2);
}
if (values.fresh) rmSync(out, { recursive: true, force: true });
const projectPath = reopen ? existing : await makeCorpus({ out, movies: Number(values.movies), seconds: Number(values.seconds), seed: 7, data, onProgress: say });
const project = Project.open(projectPath, { create: false });
const api = new ApiService(project);
if (reopen) say(`reopening the demo project built earlier, with any changes made to it: ${projectPath} (npm run demo -- --fresh rebuilds it)`);
else await buildDemo();

async function buildDemo(): Promise<void> {
  const movies = project.movies.list();

  async function analyze(movieId: number): Promise<void> {
    const job = await api.call('movies.analyze', { movieId });
    await api.jobs.whenIdle();
    const done = project.jobs.get(job.id);
    if (done.state !== 'done') throw new Error(`analysis of movie ${movieId} ${done.state}: ${done.message}`);
    const stages = (done.result as { stages: Record<string, string> }).stages;
    say(`analysed ${project.movies.get(movieId).title}: ${Object.entries(stages).map(([s, o]) => `${s} ${o.split(':')[0]}`).join(', ')}`);
  }

  const training = movies.slice(0, -1);
  const unseen = movies[movies.length - 1];
  for (const m of training) await analyze(m.id);

  await initBackend();
  // XNNPACK's products give the same bits on every machine (ONNX Runtime's depend on the CPU), so
  // the demo's model is the bundled default byte for byte wherever it runs.
  setNativeProducts(false);
  say(`training Fea-TF SCMA on ${training.length} films (validation: the last of them)`);
  const trained = await trainOnProject(
    project,
    {
      architecture: 'fea-tf-scma',
      events: 'all',
      semantics: 'sed',
      stride: 2,
      training: { ...PAPER_TRAINING, maxEpochs: 15, patience: 3 },
      movieIds: training.map((m) => m.id),
      detectorVersions: await currentDetectorVersions(project),
    },
    standaloneContext(),
  );
  say(`trained ${trained.info.version}: ${trained.summary.epochs.length} epochs, best ${trained.summary.bestEpoch}`);
  if (values['export-default']) {
    exportValenceModel(project, trained.info, DEFAULT_VALENCE_DIR);
    say(`exported it to ${DEFAULT_VALENCE_DIR}`);
  }

  await analyze(unseen.id);
  // Say where the curve comes from, in the app too.
  for (const series of project.valence.list(unseen.id).filter((v) => v.kind === 'prediction' && v.modelVersion === trained.info.version)) {
    project.valence.rename(series.id, `${series.name}, trained on the demo corpus`);
  }
  say(`demo project ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${projectPath}`);
  say(`the valence curve of "${unseen.title}" comes from a model trained on the other demo films`);
}

if (values['no-serve']) {
  api.dispose();
  project.close();
} else if (electronInstalled()) {
  // The desktop app opens the project itself (it must not be open twice for writing).
  api.dispose();
  project.close();
  say('opening it in the desktop app');
  spawn(process.execPath, [join(import.meta.dirname, 'start.mjs'), projectPath], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('the renderer is not built; run `npm run build:renderer`');
  // Served as browser mode serves any project: through the workspace, so the project menu can switch.
  api.dispose();
  project.close();
  const workspace = new Workspace(projectPath, { label: 'npm run demo (browser mode)' });
  const server = await startBrowserServer({ api: workspace, staticDir: RENDERER_DIR, uploadDir: () => workspace.uploadDir });
  console.log(`Open ${server.url}`);
  console.log('(Ctrl+C to stop)');
}

function electronInstalled(): boolean {
  try {
    createRequire(import.meta.url)('electron');
    return true;
  } catch {
    return false;
  }
}
