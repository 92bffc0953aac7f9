/**
 * The model registry (#13): shipped and project models with exactly one active per role, activate /
 * revert / rename / delete and their refusals, Analyze's choice following the active model, and the
 * regression guard of a valence retrain (a worse one is stored but not activated); the CLI's
 * `models list --json`. Detector models are rows written straight into the store: the registry and
 * the analysis choice read only their config.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { currentValenceModel } from '../../src-main/analysis/default-valence-model.js';
import { currentDetectorVersions, shippedDetectorFiles } from '../../src-main/analysis/detector-versions.js';
import { regressionVerdict } from '../../src-main/analysis/model-guard.js';
import { projectDetectors, SED_MODEL_KIND } from '../../src-main/analysis/project-models.js';
import { ApiService } from '../../src-main/api/service.js';
import type { RegistryModel } from '../../src-main/contract/api.js';
import type { Job, JobResult } from '../../src-main/contract/jobs.js';
import { Project } from '../../src-main/store/project.js';
import { makeClip, REPO_ROOT, tempDir } from '../helpers/media.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';

const CLI = join(REPO_ROOT, 'bin', 'valence-studio.js');

async function finished(api: ApiService, job: Job): Promise<Job> {
  await api.jobs.whenIdle();
  return api.project.jobs.get(job.id);
}

const activeOf = (list: RegistryModel[]) => Object.fromEntries(list.filter((m) => m.active).map((m) => [m.role, m.version]));

function assertOneActivePerRole(list: RegistryModel[]) {
  for (const role of ['verbal', 'nonverbal', 'valence']) assert.equal(list.filter((m) => m.role === role && m.active).length, 1, `one active ${role}`);
}

/** A project detector row of `group`, copied from the shipped one's model file (only its config is read here). */
async function storeFakeDetector(project: Project, group: 'verbal' | 'nonverbal', version: string) {
  const file = (await shippedDetectorFiles())[group]!;
  return project.models.insert({ kind: SED_MODEL_KIND, architecture: file.architecture, version, config: { ...file, version }, weights: null, metrics: file.validation, trainingSummary: { data: { recordings: [{ events: 3 }, { events: 4 }] } } });
}

test('regressionVerdict: not worse activates; worse is kept inactive with both figures, unless asked', () => {
  const figures = { metric: 'Acc', retrained: 0.2, previous: 0.5, previousVersion: 'dnn-old' };
  assert.deepEqual(regressionVerdict('valence model', 'dnn-new', { ...figures, retrained: 0.5 }, false), { activated: true });
  const worse = regressionVerdict('valence model', 'dnn-new', figures, false);
  assert.equal(worse.activated, false);
  assert.match(worse.reason!, /Acc 0\.200 against 0\.500 for dnn-old.*stored as dnn-new, not activated: dnn-old stays active/);
  const anyway = regressionVerdict('valence model', 'dnn-new', figures, true);
  assert.equal(anyway.activated, true);
  assert.match(anyway.reason!, /activated anyway/);
});

test('detectors: shipped and project models listed, the newest active by default; activate, revert, rename, delete and refusals', async () => {
  const api = new ApiService(syntheticProject(tempDir('vs-registry-sed-'), { movies: 1, seconds: 4 }));
  const changed: string[] = [];
  api.on('project.changed', ({ what }) => changed.push(what));
  const p = api.project;
  try {
    const shipped = await shippedDetectorFiles();
    const fresh = await api.call('models.registry', {});
    assertOneActivePerRole(fresh);
    assert.ok(fresh.every((m) => m.shipped), 'a new project lists only the shipped defaults');
    const verbal = fresh.find((m) => m.role === 'verbal')!;
    assert.equal(verbal.version, shipped.verbal!.version);
    assert.equal(verbal.heldOut.metric, 'macro segment F1');
    assert.ok(verbal.heldOut.value! > 0);
    assert.match(verbal.inputs.frontEnd!, /tagger embeddings/);
    const valence = fresh.find((m) => m.role === 'valence')!;
    assert.deepEqual(valence.inputs.modalities, ['audio', 'visual', 'motion', 'verbal', 'nonverbal']);
    assert.equal(valence.heldOut.metric, 'Acc');

    // As before the registry: a project's newest detector is the active one until someone chooses.
    await storeFakeDetector(p, 'verbal', 'sed-verbal-a');
    await storeFakeDetector(p, 'verbal', 'sed-verbal-b');
    let list = await api.call('models.registry', {});
    assertOneActivePerRole(list);
    assert.equal(activeOf(list).verbal, 'sed-verbal-b');
    const b = list.find((m) => m.version === 'sed-verbal-b')!;
    assert.deepEqual([b.shipped, b.training.films, b.training.events, b.name], [false, 2, 7, 'sed-verbal-b']);

    list = await api.call('models.activate', { version: 'sed-verbal-a' });
    assert.equal(activeOf(list).verbal, 'sed-verbal-a');
    assert.equal(projectDetectors(p).verbal?.version, 'sed-verbal-a', 'Analyze loads the activated detector');
    assert.equal((await currentDetectorVersions(p)).verbal, 'sed-verbal-a');

    await assert.rejects(api.call('models.delete', { version: 'sed-verbal-a' }), /sed-verbal-a is the active verbal detector; activate another first/);
    await assert.rejects(api.call('models.delete', { version: shipped.verbal!.version }), /shipped verbal detector; shipped models cannot be deleted/);
    await assert.rejects(api.call('models.rename', { version: shipped.nonverbal!.version, name: 'x' }), /cannot be renamed/);
    await assert.rejects(api.call('models.activate', { version: 'sed-verbal-zzz' }), /no model sed-verbal-zzz/);
    await assert.rejects(api.call('models.revert', { role: 'speech' } as never), /role/);

    list = await api.call('models.rename', { version: 'sed-verbal-a', name: 'corrected dialogue' });
    assert.equal(list.find((m) => m.version === 'sed-verbal-a')!.name, 'corrected dialogue');
    await assert.rejects(api.call('models.delete', { version: 'sed-verbal-a' }), /corrected dialogue \(sed-verbal-a\) is the active verbal detector/);

    list = await api.call('models.revert', { role: 'verbal' });
    assert.equal(activeOf(list).verbal, shipped.verbal!.version);
    assert.equal(projectDetectors(p).verbal, undefined, 'Analyze falls back to the shipped detector');
    assert.equal((await currentDetectorVersions(p)).verbal, shipped.verbal!.version);
    list = await api.call('models.delete', { version: 'sed-verbal-a' });
    assert.deepEqual(list.filter((m) => !m.shipped).map((m) => m.version), ['sed-verbal-b']);
    assert.equal(activeOf(list).verbal, shipped.verbal!.version, 'a choice stays made: a newer model does not take over');
    assert.deepEqual(changed, ['models', 'models', 'models', 'models']);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('valence: a retrain that scores a lower Acc on the validation film is stored but not activated; it can be activated on purpose', async () => {
  const api = new ApiService(syntheticProject(tempDir('vs-registry-valence-'), { movies: 3, seconds: 20 }));
  const p = api.project;
  const train = async (params: Parameters<ApiService['call']>[1]) => {
    const job = await finished(api, await api.call('valence.train', params as never));
    assert.equal(job.state, 'done', job.message);
    return job.result as JobResult<'train-valence'>;
  };
  try {
    // The bundled default reads inputs this synthetic project lacks: no comparison, activated as before.
    const good = await train({ architecture: 'dnn', events: 'nonverbal', semantics: 'events', maxEpochs: 30, patience: 30 });
    assert.equal(good.activated, true);
    assert.match(good.reason ?? '', /could not be scored on validation film/);
    assert.equal(currentValenceModel(p)?.model.version, good.version);

    // One step of training on huge batches leaves the model near its random start.
    const worse = await train({ architecture: 'dnn', events: 'nonverbal', semantics: 'events', maxEpochs: 1, batchSize: 65536, seed: 7 });
    assert.equal(worse.activated, false, worse.reason);
    assert.equal(worse.acc?.previousVersion, good.version);
    assert.equal(worse.acc?.retrained, worse.metrics?.validation.acc);
    assert.ok(worse.acc!.previous > worse.acc!.retrained);
    assert.ok(Math.abs(worse.acc!.previous - good.metrics!.validation.acc) < 1e-9, 'the active model scored on the same film and labels as at its own training');
    assert.match(worse.reason!, new RegExp(`Acc ${worse.acc!.retrained.toFixed(3)} against ${worse.acc!.previous.toFixed(3)} for ${good.version}.*not activated`));
    let list = await api.call('models.registry', {});
    assertOneActivePerRole(list);
    assert.equal(activeOf(list).valence, good.version);
    assert.ok(list.some((m) => m.version === worse.version && !m.active), 'stored');
    assert.equal(currentValenceModel(p)?.model.version, good.version, 'Analyze keeps predicting with the active model');
    const entry = list.find((m) => m.version === good.version)!;
    assert.deepEqual(entry.inputs, { modalities: ['audio', 'nonverbal'], events: 'nonverbal', semantics: 'events' });
    assert.deepEqual([entry.training.films, entry.training.raters, entry.heldOut.value], [3, 'mean of all raters', good.metrics!.validation.acc]);

    list = await api.call('models.activate', { version: worse.version });
    assert.equal(activeOf(list).valence, worse.version);
    assert.equal(currentValenceModel(p)?.model.version, worse.version);
    await assert.rejects(api.call('models.delete', { version: worse.version }), /is the active valence model; activate another first/);

    list = await api.call('models.revert', { role: 'valence' });
    const shipped = list.find((m) => m.role === 'valence' && m.shipped)!;
    assert.equal(activeOf(list).valence, shipped.version);
    const current = currentValenceModel(p)!;
    assert.deepEqual([current.model.version, current.isDefault], [shipped.version, true]);
    // Once copied into the project the bundled model is still the shipped entry, listed once.
    list = await api.call('models.registry', {});
    assert.equal(list.filter((m) => m.version === shipped.version).length, 1);
    assert.equal(list.find((m) => m.version === shipped.version)!.id, current.model.id);
    await assert.rejects(api.call('models.delete', { version: shipped.version }), /shipped models cannot be deleted/);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('detectors: a retrained head is always stored, and active only when not worse than the active one on the same held-out windows', async () => {
  const dir = tempDir('vs-registry-retrain-');
  const api = new ApiService(Project.open(join(dir, 'r.vsproj')));
  const p = api.project;
  try {
    for (const [name, seconds] of [['a.mp4', 12], ['b.mp4', 13]] as const) {
      const imported = await finished(api, await api.call('movies.import', { path: makeClip(dir, { seconds, name }) }));
      assert.equal(imported.state, 'done', imported.message);
    }
    for (const m of p.movies.list()) for (const s of [1, 5, 9]) await api.call('events.create', { movieId: m.id, label: 'laughter', onset: s, offset: s + 1.5 });
    const before = (await currentDetectorVersions(p)).nonverbal;
    const job = await finished(api, await api.call('sed.train', { groups: ['nonverbal'], maxEpochs: 1 }));
    assert.equal(job.state, 'done', job.message);
    const [result] = (job.result as JobResult<'train-sed'>).models;
    const worse = result.macroF1!.retrained + 1e-9 < result.macroF1!.previous;
    assert.equal(result.macroF1!.previousVersion, before);
    assert.equal(result.activated, !worse);
    if (worse) assert.match(result.reason!, /macro segment F1 .* not activated/);
    const list = await api.call('models.registry', {});
    assert.ok(list.some((m) => m.version === result.version && !m.shipped), 'stored either way');
    assert.equal(activeOf(list).nonverbal, worse ? before : result.version);
    assert.equal((await currentDetectorVersions(p)).nonverbal, worse ? before : result.version);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('CLI: models list --json gives the registry; activate and a refused delete', async () => {
  const dir = tempDir('vs-registry-cli-');
  const project = syntheticProject(dir, { movies: 1, seconds: 4 });
  await storeFakeDetector(project, 'nonverbal', 'sed-nonverbal-x');
  project.close();
  const path = join(dir, 'synthetic.vsproj');
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'models', ...args, '--project', path], { encoding: 'utf8' });

  const listed = cli('list', '--json');
  assert.equal(listed.status, 0, listed.stderr);
  const list = JSON.parse(listed.stdout) as RegistryModel[];
  assert.deepEqual(Object.keys(list[0]).sort(), ['active', 'architecture', 'createdAt', 'heldOut', 'id', 'inputs', 'kind', 'name', 'role', 'shipped', 'summary', 'training', 'version']);
  assertOneActivePerRole(list);
  assert.equal(activeOf(list).nonverbal, 'sed-nonverbal-x');

  const reverted = cli('revert', 'nonverbal');
  assert.equal(reverted.status, 0, reverted.stderr);
  assert.match(reverted.stdout, /nonverbal:\n\* sed-nonverbal-\S+  tagger-head  macro segment F1 0\.\d{3}  shipped/);
  const refused = cli('delete', list.find((m) => m.role === 'verbal')!.version);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /^valence-studio models: .*shipped models cannot be deleted\n$/);
  assert.equal(cli('frobnicate').status, 1);
});
