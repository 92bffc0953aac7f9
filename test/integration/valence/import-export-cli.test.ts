/**
 * `import-valence` and `export-valence` on a project with one 10 s film: each file becomes one
 * rater's trace on the film's 25 Hz frames, a rater's new import replaces the old as one undoable
 * step, exports read back as the trace they came from, and every refusal is one line naming the file
 * and line with the project left byte-for-byte as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as exportValence } from '../../../src-main/cli/commands/export-valence.js';
import { run as importValence } from '../../../src-main/cli/commands/import-valence.js';
import { Project } from '../../../src-main/store/project.js';
import { meanTrace } from '../../../src-main/contract/traces.js';
import { parseTrace, resampleToFrames } from '../../../src-main/valence/formats/index.js';
import { REPO_ROOT, SHARED_DIR, tempDir } from '../../helpers/media.js';

const CLI = join(REPO_ROOT, 'bin', 'valence-studio.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function quiet(f: () => Promise<number>): Promise<string> {
  const log = console.log;
  let out = '';
  console.log = (...a: unknown[]) => void (out += a.join(' ') + '\n');
  try {
    assert.equal(await f(), 0);
    return out;
  } finally {
    console.log = log;
  }
}

function newProject(): { dir: string; path: string; film: string } {
  const dir = tempDir('vs-import-export-');
  const path = join(dir, 'p.vsproj');
  const film = join(dir, 'film.mp4');
  const p = Project.open(path);
  p.movies.insert({ path: film, title: 'film', contentHash: 'h', sizeBytes: 1, duration: 10, fps: 25, audio: null, video: null });
  p.close();
  return { dir, path, film };
}

function traces(path: string) {
  const p = Project.open(path, { create: false });
  try {
    return p.valence.list(1).map((s) => ({ rater: s.rater, name: s.name, values: p.valence.values(s.id) }));
  } finally {
    p.close();
  }
}

function file(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** 10 Hz samples from 0 to 8 s of a slow wave. */
const csv = (phase: number) => ['time,valence', ...Array.from({ length: 81 }, (_, i) => `${i / 10},${(0.8 * Math.sin(i / 10 + phase)).toFixed(4)}`)].join('\n');

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    const both = Number.isNaN(actual[k]) && Number.isNaN(expected[k]);
    assert.ok(both || Math.abs(actual[k] - expected[k]) < 1e-6, `frame ${k}: ${actual[k]} ≠ ${expected[k]}`);
  }
}

test('import: a CSV becomes the rater\'s trace on the film\'s frames; a new import replaces it as one undoable step', async () => {
  const { dir, path, film } = newProject();
  const r = cli('import-valence', '--project', path, '--movie', film, '--rater', 'anna', file(dir, 'first.csv', csv(0)));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^attached anna's trace on movie 1 from .*first\.csv: 201 frames, 201 rated \(8\.04 s of 10\.00 s\)$/m);
  const [first] = traces(path);
  assert.equal(first.rater, 'anna');
  assert.equal(first.name, 'first.csv');
  // Frame 5 (0.2 s) is sample 2; frame 1 (0.04 s) lies 40% of the way from sample 0 to sample 1.
  assert.ok(Math.abs(first.values[5] - 0.8 * Math.sin(0.2)) < 1e-4);
  assert.ok(Math.abs(first.values[1] - 0.4 * Number((0.8 * Math.sin(0.1)).toFixed(4))) < 1e-6);

  const out = await quiet(() => importValence(['--project', path, '--movie', '1', '--rater', 'anna', file(dir, 'second.csv', csv(1))]));
  assert.match(out, /^replaced anna's trace/);
  const after = traces(path);
  assert.deepEqual(after.map((t) => [t.rater, t.name]), [['anna', 'second.csv']]);
  const p = Project.open(path, { create: false });
  assert.equal(p.history.state().undoLabel, "import anna's trace");
  p.history.undo();
  p.close();
  const undone = traces(path);
  assert.deepEqual(undone.map((t) => [t.rater, t.name]), [['anna', 'first.csv']]);
  assertClose(undone[0].values, first.values);
});

test('import: several files in different formats, one rater each named by its file; a NOVA header brings its data file', async () => {
  const { dir, path } = newProject();
  const carma = file(dir, 'bob.csv', 'Time of Rating,x\nMultimedia File,film.mp4\nLower Label,bad\nUpper Label,good\nMinimum Value,1\nMaximum Value,9\nNumber of Steps,9\nSecond,Rating\n%%%%%%,%%%%%%\n1,5\n2,9\n3,1\n');
  const dat = file(dir, 'cara.dat', '0 0.5 0\n0.04 0.25 0\n');
  const header = file(dir, 'dan.annotation', '<annotation ssi-v="3">\n<info ftype="ASCII" size="3" />\n<scheme name="v" type="CONTINUOUS" sr="1" min="0" max="10" />\n</annotation>\n');
  file(dir, 'dan.annotation~', '5;1\nNaN;0\n10;1\n');
  const out = await quiet(() => importValence(['--project', path, '--movie', '1', carma, dat, header]));
  assert.equal(out.trim().split('\n').length, 3);
  const byRater = Object.fromEntries(traces(path).map((t) => [t.rater, t.values]));
  assert.deepEqual(Object.keys(byRater), ['bob', 'cara', 'dan']);
  // CARMA's bins end at 1, 2, 3 s, so their means sit at 0.5, 1.5, 2.5 s: 0, 1, -1 on [-1, 1].
  assertClose([byRater.bob[12], byRater.bob[25], byRater.bob[50]], [NaN, 0.5, 0]);
  assert.equal(byRater.bob.length, 63, 'rated up to the last bin middle, 2.5 s');
  assertClose(byRater.cara, [0.5, 0.25]);
  assertClose([byRater.dan[0], byRater.dan[1], byRater.dan[50]], [0, NaN, 1]);
  assert.equal(byRater.dan.length, 51);
});

test('export: a rater or the mean, one sample per 25 Hz frame, in every format, reading back as the trace', async () => {
  const { dir, path, film } = newProject();
  await quiet(() => importValence(['--project', path, '--movie', '1', file(dir, 'anna.csv', csv(0)), file(dir, 'ben.csv', csv(2))]));
  const [anna, ben] = traces(path).map((t) => t.values);
  const padded = (v: Float32Array) => Float32Array.from({ length: 250 }, (_, k) => (k < v.length ? v[k] : NaN));

  const out = join(dir, 'anna-out.csv');
  const r = cli('export-valence', '--project', path, '--movie', film, '--rater', 'anna', '--format', 'csv', '--out', out);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /anna-out\.csv: anna, 250 frames at 25 Hz, 201 rated/);
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines[0], 'time,valence');
  assert.equal(lines.length, 251);
  assert.equal(lines[250], '9.96,');

  for (const format of ['csv', 'carma', 'nova', 'cognimuse'] as const) {
    const target = join(dir, `anna.${format}.out`);
    await quiet(() => exportValence(['--project', path, '--movie', '1', '--rater', 'anna', '--format', format, '--out', target]));
    const files = [target, ...(format === 'nova' ? [`${target}~`] : [])].map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
    assertClose(resampleToFrames(parseTrace(format, files), 250), padded(anna));
  }
  assert.ok(existsSync(join(dir, 'anna.nova.out~')));

  const meanOut = join(dir, 'mean.annotation');
  await quiet(() => exportValence(['--project', path, '--movie', '1', '--mean', '--format', 'nova', '--out', meanOut]));
  assert.match(readFileSync(meanOut, 'utf8'), /annotator="mean of anna, ben"/);
  await quiet(() => importValence(['--project', path, '--movie', '1', '--rater', 'mean', meanOut]));
  const mean = traces(path).find((t) => t.rater === 'mean')!.values;
  assertClose(mean, meanTrace([anna, ben]));
});

test('refusals: one line naming the file and line, nothing written, the project byte-for-byte as it was', async () => {
  const { dir, path, film } = newProject();
  await quiet(() => importValence(['--project', path, '--movie', '1', '--rater', 'anna', file(dir, 'ok.csv', csv(0))]));
  const before = digest(path);
  const good = file(dir, 'good.csv', csv(1));
  const bad = file(dir, 'bad.csv', 'time,valence\n0,0.5\n0.1,1.5\n');

  const r = cli('import-valence', '--project', path, '--movie', film, good, bad);
  assert.equal(r.status, 1);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^valence-studio import-valence: .*bad\.csv, line 3: valence 1\.5 lies outside the file's scale \[-1, 1\]$/);
  assert.equal(digest(path), before);

  const late = file(dir, 'late.csv', 'time,valence\n20,0.5\n21,0.5\n');
  const cases: Array<[string[], RegExp]> = [
    [[file(dir, 'backwards.csv', 'time,valence\n1,0\n0.5,0\n')], /backwards\.csv, line 3: time 0\.5 is not after the previous line's 1/],
    [[file(dir, 'nan.dat', '0 0 0\n0.04 NaN 0\n')], /nan\.dat, line 2: 'NaN' is not a number/],
    [[file(dir, 'header.csv', 'time;valence\n0;0\n')], /header\.csv: cannot tell its format/],
    [['--format', 'csv', join(dir, 'header.csv')], /header\.csv, line 1: expected the header 'time,valence'/],
    [['--format', 'json', good], /--format json: expected auto, cognimuse, csv, carma, nova/],
    [[join(dir, 'missing.csv')], /cannot read annotation file .*missing\.csv/],
    [['--rater', 'x', good, late], /names one trace, but 2 were given/],
    [[good, file(dir, 'good.dat', '0 0 0\n')], /two files would both be rater 'good'/],
    [[late], /late\.csv: none of its ratings falls within the film's 10\.00 s/],
  ];
  for (const [args, reason] of cases) {
    await assert.rejects(importValence(['--project', path, '--movie', '1', ...args]), reason);
    assert.equal(digest(path), before, args.join(' '));
  }
  await assert.rejects(importValence(['--project', path, '--movie', '7', good]), /no movie '7'/);
  assert.equal(digest(path), before);

  const out = join(dir, 'never.csv');
  await assert.rejects(exportValence(['--project', path, '--movie', '1', '--rater', 'zoe', '--format', 'csv', '--out', out]), /no trace by 'zoe'; its raters: anna/);
  await assert.rejects(exportValence(['--project', path, '--movie', '1', '--rater', 'anna', '--mean', '--format', 'csv', '--out', out]), /--rater, or .* --mean/);
  await assert.rejects(exportValence(['--project', path, '--movie', '1', '--mean', '--format', 'xml', '--out', out]), /--format xml: expected one of cognimuse, csv, carma, nova/);
  assert.ok(!existsSync(out));
  assert.equal(digest(path), before);
});

test('import: a real COGNIMUSE trace, cut to the film', async (t) => {
  const real = join(SHARED_DIR, 'data', 'cognimuse', 'BMI', 'intended_1.dat');
  if (!existsSync(real)) return t.skip('../shared/data/cognimuse not found');
  const { path } = newProject();
  const out = await quiet(() => importValence(['--project', path, '--movie', '1', real]));
  assert.match(out, /attached intended_1's trace on movie 1 .*: 250 frames, 250 rated \(10\.00 s of 10\.00 s\); ratings past the film's end dropped/);
  assert.equal(traces(path)[0].values[0], Math.fround(0.028));
});
