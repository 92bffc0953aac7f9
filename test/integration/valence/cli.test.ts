/** The three valence commands on a synthetic project, through their run() entry points. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run as evaluate } from '../../../src-main/cli/commands/evaluate.js';
import { run as predict } from '../../../src-main/cli/commands/predict.js';
import { run as trainValence } from '../../../src-main/cli/commands/train-valence.js';
import { Project } from '../../../src-main/store/project.js';
import { tempDir } from '../../helpers/media.js';
import { syntheticProject } from '../../helpers/valence/synthetic-store.js';

async function quiet<T>(f: () => Promise<T>): Promise<{ result: T; out: string }> {
  const log = console.log;
  const write = process.stderr.write;
  let out = '';
  console.log = (...a: unknown[]) => void (out += a.join(' ') + '\n');
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return { result: await f(), out };
  } finally {
    console.log = log;
    process.stderr.write = write;
  }
}

test('evaluate, train-valence and predict from the command line', async () => {
  const dir = tempDir('vs-valence-cli-');
  syntheticProject(dir, { movies: 3, seconds: 8 }).close();
  const project = join(dir, 'synthetic.vsproj');
  const common = ['--project', project, '--semantics', 'events', '--max-epochs', '2', '--tokens', '4'];
  const ev = await quiet(() => evaluate([...common, '--models', 'dnn,fea-tf-cma', '--events', 'none,all', '--out', join(dir, 'report')]));
  assert.equal(ev.result, 0);
  assert.match(ev.out, /Fea-TF CMA\s+w\/o event\s+–/);
  for (const f of ['report.json', 'report.csv', 'report.html']) assert.ok(existsSync(join(dir, 'report', f)), f);

  const tr = await quiet(() => trainValence([...common, '--model', 'fea-tf', '--events', 'nonverbal', '--threads', '2']));
  assert.equal(tr.result, 0);
  const version = /stored valence model (\S+)/.exec(tr.out)![1];
  const pr = await quiet(() => predict(['--project', project, '--model', version, '--movie', '2']));
  assert.equal(pr.result, 0);
  const p = Project.open(project, { create: false });
  assert.equal(p.valence.list(2).filter((s) => s.kind === 'prediction' && s.modelVersion === version).length, 1);
  p.close();

  await assert.rejects(evaluate(['--project', project, '--out', dir, '--models', 'cnn']), /unknown model 'cnn'/);
  await assert.rejects(trainValence(['--project', project, '--model', 'fea-tf-scma', '--events', 'none']), /needs sound semantics/);
  await assert.rejects(trainValence(['--project', project, '--model', 'dnn', '--threads', '0']), /--threads must be a positive whole number, got '0'/);
  const job = Project.open(project, { create: false });
  const trained = job.jobs.list().find((j) => j.kind === 'train-valence' && j.params.architecture === 'fea-tf');
  assert.equal((trained!.params as { threads?: number }).threads, 2, 'the threads asked for reach the job');
  job.close();
});
