import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openSession } from '../../src-main/app/session.js';
import { Project } from '../../src-main/store/project.js';
import { makeClip, tempDir } from '../helpers/media.js';

test('a job left running by a crash shows as interrupted on the next launch and can be restarted', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 2 });
  const path = join(dir, 'crash.vsproj');
  // Simulate a process killed mid-import: the row says running, no movie was written.
  const p = Project.open(path);
  const job = p.jobs.create('import-movie', { path: clip });
  p.jobs.update(job.id, { state: 'running', progress: 0.4, message: 'decoding the soundtrack' });
  p.close();

  const s = openSession(path);
  const seen = s.project.jobs.get(job.id);
  assert.equal(seen.state, 'interrupted');
  assert.match(seen.message, /interrupted/);
  assert.deepEqual(s.project.movies.list(), []);
  await s.api.call('jobs.restart', { jobId: job.id });
  await s.api.jobs.whenIdle();
  assert.equal(s.project.jobs.get(job.id).state, 'done');
  assert.equal(s.project.movies.list().length, 1);
  await assert.rejects(s.api.call('jobs.restart', { jobId: job.id }), /only failed, cancelled or interrupted/);
  s.close();
});

test('cancelling a running import stops it and writes nothing', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 60 });
  const s = openSession(join(dir, 'cancel.vsproj'));
  const job = await s.api.call('movies.import', { path: clip });
  const off = s.api.on('job.updated', (j) => {
    if (j.id === job.id && j.state === 'running' && j.progress > 0.2) void s.api.call('jobs.cancel', { jobId: job.id });
  });
  await s.api.jobs.whenIdle();
  off();
  const final = s.project.jobs.get(job.id);
  assert.equal(final.state, 'cancelled');
  assert.deepEqual(s.project.movies.list(), []);
  assert.ok(s.project.integrityOk());
  s.close();
});

test('a film with a queued or running job is not removed, with the reason', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 2 });
  const s = openSession(join(dir, 'remove.vsproj'));
  try {
    const imported = await s.api.call('movies.import', { path: clip });
    await s.api.jobs.whenIdle();
    const movieId = (s.project.jobs.get(imported.id).result as { movieId: number }).movieId;
    // A job row another process queued on the film.
    s.project.jobs.create('audio-descriptors', { movieId });
    await assert.rejects(s.api.call('movies.remove', { movieId }), /has a queued audio-descriptors job .*before removing the film/);
    assert.equal(s.project.movies.list().length, 1);
  } finally {
    s.close();
  }
});
