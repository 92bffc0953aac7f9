/**
 * The CLI's view of #13 items 2 and 6: `shares` summarizes why a stored prediction moved (each input's
 * mean share over the film and inside its events), `models compare` scores two valence models on the
 * same labelled films; both go through the API the app uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { predictMovie } from '../../../src-main/analysis/valence/predict-movie.js';
import { trainOnProject } from '../../../src-main/analysis/valence/train-project.js';
import type { ValenceComparison } from '../../../src-main/contract/compare.js';
import { initBackend } from '../../../src-main/ml/backend.js';
import { standaloneContext } from '../../../src-main/util/task-context.js';
import { REPO_ROOT, tempDir } from '../../helpers/media.js';
import { syntheticProject } from '../../helpers/valence/synthetic-store.js';

const CLI = join(REPO_ROOT, 'bin', 'valence-studio.js');
await initBackend();

test('CLI: shares of a stored prediction, and two valence models compared on the same films', async () => {
  const dir = tempDir('vs-explain-cli-');
  const project = syntheticProject(dir, { movies: 3, seconds: 12 });
  const training = { learningRate: 0.005, decay: 0.005, batchSize: 32, maxEpochs: 2, patience: 1, seed: 4 };
  const small = { attentionDims: 16, heads: 2, ffnDims: 16, hidden: 16, window: 3, dropout: 0 };
  const common = { events: 'all' as const, semantics: 'events' as const, stride: 5, training, model: small };
  const a = await trainOnProject(project, { ...common, architecture: 'fea-tf' }, standaloneContext());
  const b = await trainOnProject(project, { ...common, architecture: 'dnn' }, standaloneContext());
  await predictMovie(project, 1, a.info.version, standaloneContext());
  project.close();
  const path = join(dir, 'synthetic.vsproj');
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--project', path], { encoding: 'utf8' });

  const shares = cli('shares', '--movie', '1', '--json');
  assert.equal(shares.status, 0, shares.stderr);
  const body = JSON.parse(shares.stdout) as { modalities: string[]; means: Record<string, { frames: number; shares: Record<string, number> }> };
  assert.ok(body.modalities.length >= 2, 'audio-visual and semantic inputs');
  assert.ok(body.means.all.frames > 200, `frames with a share: ${body.means.all.frames}`);
  const total = Object.values(body.means.all.shares).reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(total - 1) < 1e-4, `mean shares sum to 1: ${total}`);
  assert.ok(Object.keys(body.means).some((k) => k !== 'all'), 'a row per event class the film has');
  const table = cli('shares', '--movie', '1');
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /mean share of each input in the prediction \(occlusion\)\ninside\s+frames/);
  const none = cli('shares', '--movie', '2');
  assert.equal(none.status, 1);
  assert.match(none.stderr, /has no predicted valence; run analyze or predict first/);

  const compared = cli('models', 'compare', a.info.version, b.info.version, '--json');
  assert.equal(compared.status, 0, compared.stderr);
  const c = JSON.parse(compared.stdout) as ValenceComparison;
  assert.equal(c.role, 'valence');
  assert.equal(c.films.length + c.skipped.length, 3);
  for (const side of [c.overall.a, c.overall.b]) assert.ok(side.acc >= 0 && side.acc <= side.acc1 && side.acc1 <= 1);
  const text = cli('models', 'compare', a.info.version, b.info.version);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^A fea-tf-[0-9a-f]{12}.*\nB dnn-[0-9a-f]{12}.*\n\s+A\s+B\s+B − A\nAcc \(\d+ frames\)/);
  assert.equal(cli('models', 'compare', a.info.version, a.info.version).status, 1, 'the same version twice is refused');
});
