/**
 * Raters' traces through the API: a rating pass creates the rater's trace, re-rating a stretch
 * replaces only it, constants and smoothing are single steps, and every step undoes and redoes from
 * the project's persisted history, across a reopen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ApiService } from '../../src-main/api/service.js';
import { Project } from '../../src-main/store/project.js';
import { tempDir } from '../helpers/media.js';

const rounded = (v: Float32Array) => Array.from(v, (x) => (Number.isNaN(x) ? null : Math.round(x * 1000) / 1000));

test('rate, re-rate a stretch, set a constant, smooth, delete: each one undoable step, persisted', async () => {
  const path = join(tempDir(), 'traces.vsproj');
  let project = Project.open(path);
  const movie = project.movies.insert({ path: '/film.mp4', title: 'film', contentHash: 'h', sizeBytes: 1, duration: 2, fps: 25, audio: null, video: null });
  let api = new ApiService(project);
  const trace = () => {
    const s = project.valence.byRater(movie.id, 'Ada');
    return s ? rounded(project.valence.values(s.id)) : null;
  };

  await api.call('valence.editTrace', { movieId: movie.id, rater: 'Ada', start: 10, edit: { kind: 'values', values: [0.1, 0.2, 0.3, 0.4] } });
  assert.deepEqual(trace(), [...Array(10).fill(null), 0.1, 0.2, 0.3, 0.4]);
  const [info] = (await api.call('valence.list', { movieId: movie.id })).filter((s) => s.kind === 'annotation');
  assert.equal(info.rater, 'Ada');

  await api.call('valence.editTrace', { movieId: movie.id, rater: 'Ada', start: 11, edit: { kind: 'values', values: [-0.5, -0.5] } });
  assert.deepEqual(trace()!.slice(10), [0.1, -0.5, -0.5, 0.4], 're-rating replaces only the stretch');
  await api.call('valence.editTrace', { movieId: movie.id, rater: 'Ada', start: 10, edit: { kind: 'constant', value: 0.6, end: 12 } });
  assert.deepEqual(trace()!.slice(10), [0.6, 0.6, -0.5, 0.4]);
  await api.call('valence.editTrace', { movieId: movie.id, rater: 'Ada', start: 9, edit: { kind: 'smooth', radius: 1, end: 14 } });
  assert.deepEqual(trace()!.slice(9), [null, 0.6, 0.233, 0.167, -0.05], 'smoothing keeps unrated frames unrated');

  // Undo survives a reopen: the history is in the project file.
  api.dispose();
  project.close();
  project = Project.open(path);
  api = new ApiService(project);
  await api.call('history.undo', {});
  assert.deepEqual(trace()!.slice(10), [0.6, 0.6, -0.5, 0.4]);
  await api.call('history.undo', {});
  await api.call('history.undo', {});
  assert.deepEqual(trace(), [...Array(10).fill(null), 0.1, 0.2, 0.3, 0.4]);
  await api.call('history.undo', {});
  assert.equal(trace(), null, 'undoing the first pass removes the trace');
  await api.call('history.redo', {});
  assert.deepEqual(trace(), [...Array(10).fill(null), 0.1, 0.2, 0.3, 0.4]);

  await api.call('valence.deleteTrace', { movieId: movie.id, rater: 'Ada' });
  assert.equal(trace(), null);
  await api.call('history.undo', {});
  assert.deepEqual(trace(), [...Array(10).fill(null), 0.1, 0.2, 0.3, 0.4]);

  await assert.rejects(api.call('valence.editTrace', { movieId: movie.id, rater: 'Ada', start: 48, edit: { kind: 'values', values: [0, 0, 0] } }), /do not lie inside the film \(0–50\)/);
  await assert.rejects(api.call('valence.editTrace', { movieId: movie.id, rater: 'Ada', start: 0, edit: { kind: 'values', values: [1.5] } }), /less than or equal to 1|too big/i);
  await assert.rejects(api.call('valence.editTrace', { movieId: movie.id, rater: ' ', start: 0, edit: { kind: 'values', values: [0] } }), /rater/);
  api.dispose();
  project.close();
});

test('agreement through the API: two raters, the frames both rated, the exact keys', async () => {
  const project = Project.open(join(tempDir(), 'agree.vsproj'));
  const movie = project.movies.insert({ path: '/film.mp4', title: 'film', contentHash: 'h', sizeBytes: 1, duration: 2, fps: 25, audio: null, video: null });
  const api = new ApiService(project);
  try {
    const ramp = Array.from({ length: 20 }, (_, i) => i / 20 - 0.5);
    await api.call('valence.editTrace', { movieId: movie.id, rater: 'Ada', start: 0, edit: { kind: 'values', values: ramp } });
    await api.call('valence.editTrace', { movieId: movie.id, rater: 'Bo', start: 5, edit: { kind: 'values', values: ramp.map((v) => v + 0.1) } });
    const a = await api.call('valence.agreement', { movieId: movie.id });
    assert.deepEqual(Object.keys(a), ['raters', 'frames', 'cronbach_alpha', 'icc_2_1', 'icc_2_k', 'icc_3_1', 'icc_3_k', 'krippendorff_alpha_interval', 'mean_pairwise_ccc', 'mean_pairwise_pearson', 'rater_names']);
    assert.equal(a.raters, 2);
    assert.equal(a.frames, 15, 'frames 5–19: rated by both');
    assert.deepEqual(a.rater_names, ['Ada', 'Bo']);
    assert.ok(a.icc_3_1! > 0.5 && a.icc_3_1! < 1);
  } finally {
    api.dispose();
    project.close();
  }
});
