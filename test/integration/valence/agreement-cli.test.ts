/**
 * `valence-studio agreement` on a project with three raters of one film (one of whom rated twice),
 * a prediction that is no rater, and a second film rated once: the exact JSON keys, the newest trace
 * per rater, traces of unequal length, the table, and a one-line error for an unknown film.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Project } from '../../../src-main/store/project.js';
import { agreement } from '../../../src-main/valence/stats/agreement.js';
import { REPO_ROOT, tempDir } from '../../helpers/media.js';

const CLI = join(REPO_ROOT, 'bin', 'valence-studio.js');
const KEYS = [
  'raters', 'frames', 'cronbach_alpha', 'icc_2_1', 'icc_2_k', 'icc_3_1', 'icc_3_k',
  'krippendorff_alpha_interval', 'mean_pairwise_ccc', 'mean_pairwise_pearson',
];

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'agreement', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const wave = (frames: number, phase: number, gapFrom = -1, gapTo = -1) =>
  Float32Array.from({ length: frames }, (_, f) => (f >= gapFrom && f < gapTo ? NaN : 0.6 * Math.sin(f / 20 + phase)));

const dir = tempDir('vs-agreement-');
const path = join(dir, 'raters.vsproj');
const moviePath = join(dir, 'film.mp4');
const a = wave(250, 0, 10, 30);
const b = wave(240, 0.2);
const c = wave(250, 0.4, 100, 110);
{
  const project = Project.open(path);
  const movie = (p: string, title: string) =>
    project.movies.insert({ path: p, title, contentHash: title, sizeBytes: 1, duration: 10, fps: 25, audio: null, video: null });
  const film = movie(moviePath, 'film');
  const other = movie(join(dir, 'other.mp4'), 'other');
  const put = (movieId: number, rater: string, values: Float32Array) =>
    project.valence.insert({ movieId, kind: 'annotation', name: `${rater}.csv`, rater, rate: 25, values });
  put(film.id, 'A', wave(250, 3)); // superseded by A's second rating
  put(film.id, 'B', b);
  put(film.id, 'A', a);
  put(film.id, 'C', c);
  project.valence.insert({ movieId: film.id, kind: 'prediction', name: 'model', rate: 25, values: wave(250, 1), modelVersion: 'm-1' });
  put(other.id, 'A', a);
  project.close();
}

test('agreement --json: the exact keys, newest trace per rater, frames all raters rated', () => {
  const r = cli('--project', path, '--movie', moviePath, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out), [...KEYS, 'rater_names']);
  assert.deepEqual(out.rater_names, ['A', 'B', 'C']);
  // 240 frames all three have, less A's gap (20) and C's (10).
  assert.equal(out.frames, 210);
  const want = agreement([a, b, c]);
  for (const k of KEYS) assert.equal(out[k], want[k as keyof typeof want], k);
  assert.ok(out.icc_3_k > 0.9 && out.icc_3_k < 1, `near-identical traces agree: ${out.icc_3_k}`);
});

test('agreement: an aligned table by movie id; one rater gives counts and no coefficients', () => {
  const r = cli('--project', path, '--movie', '1');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'movie 1 (film): 3 raters (A, B, C), 210 frames rated by all (8.40 s)');
  assert.equal(lines.length, 9);
  const column = lines[1].search(/-?\d\.\d{4}$/);
  for (const line of lines.slice(1)) assert.match(line.slice(column), /^ ?-?\d\.\d{4}$/, line);
  assert.match(lines[1], /^cronbach_alpha\s+0\.9\d{3}$/);

  const one = cli('--project', path, '--movie', '2', '--json');
  assert.equal(one.status, 0, one.stderr);
  assert.deepEqual(JSON.parse(one.stdout), { ...Object.fromEntries(KEYS.map((k) => [k, null])), raters: 1, frames: 230, rater_names: ['A'] });
});

test('agreement: an unknown movie is one line and exit 1', () => {
  const r = cli('--project', path, '--movie', join(dir, 'nope.mp4'), '--json');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `valence-studio agreement: no movie '${join(dir, 'nope.mp4')}' in ${path}\n`);
});
