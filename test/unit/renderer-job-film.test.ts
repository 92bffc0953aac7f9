import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from '../../src-main/contract/jobs.js';
import { jobFilm } from '../../src-renderer/src/lib/job-film.js';

const titles = new Map([[3, 'Up']]);
const job = (kind: string, params: object, result: object | null = null) => ({ kind, params, result }) as unknown as Job;

test('a job of one film names it; a removed film says so', () => {
  assert.equal(jobFilm(job('analyze', { movieId: 3 }), titles), 'Up');
  assert.equal(jobFilm(job('audio-descriptors', { movieId: 9 }), titles), 'film 9 (removed)');
});

test('an import names its file until it has a film, then the film', () => {
  assert.equal(jobFilm(job('import-movie', { path: '/media/clips/up.mp4' }), titles), 'up.mp4');
  assert.equal(jobFilm(job('import-movie', { path: 'C:\\clips\\up.mp4' }, { movieId: 3 }), titles), 'Up');
});

test('project-wide jobs name no film', () => {
  assert.equal(jobFilm(job('train-sed', {}), titles), null);
});
