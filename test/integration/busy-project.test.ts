/**
 * A write that finds another connection writing waits for it (bounded by the busy timeout) instead of
 * failing at once with "database is locked"; past the bound it fails with a clear conflict and
 * changes nothing. The other writer is a worker thread, since a synchronous wait blocks this one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiService } from '../../src-main/api/service.js';
import { Project } from '../../src-main/store/project.js';
import { tempDir } from '../helpers/media.js';

/** Holds the write lock for `ms` from another connection; resolves once it is held. */
function holdWriteLock(path: string, ms: number): Promise<{ done: Promise<void> }> {
  const worker = new Worker(
    `const Database = require('better-sqlite3');
     const { workerData, parentPort } = require('node:worker_threads');
     const db = new Database(workerData.path);
     db.exec('BEGIN IMMEDIATE');
     db.prepare("INSERT INTO settings (key, value) VALUES ('other-writer', '1') ON CONFLICT(key) DO UPDATE SET value = '1'").run();
     parentPort.postMessage('held');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec('COMMIT');
     db.close();`,
    { eval: true, workerData: { path, ms } },
  );
  const done = new Promise<void>((resolve, reject) => worker.once('exit', () => resolve()).once('error', reject));
  return new Promise((resolve) => worker.once('message', () => resolve({ done })));
}

test('an edit waits for another writer, and fails clearly without changes past the busy timeout', async () => {
  const path = join(tempDir(), 'busy.vsproj');
  const project = Project.open(path);
  const movie = project.movies.insert({ path: '/film.mp4', title: 'film', contentHash: 'h', sizeBytes: 1, duration: 60, fps: 25, audio: null, video: null });
  const api = new ApiService(project);
  try {
    const short = await holdWriteLock(path, 400);
    const started = Date.now();
    await api.call('events.create', { movieId: movie.id, label: 'laughter', onset: 1, offset: 2 });
    assert.ok(Date.now() - started >= 300, 'it waited for the other writer');
    await short.done;

    project.db.pragma('busy_timeout = 200');
    const long = await holdWriteLock(path, 1500);
    await assert.rejects(api.call('events.create', { movieId: movie.id, label: 'laughter', onset: 3, offset: 4 }), /the project is busy in another process .*nothing was changed/);
    await long.done;
    assert.equal(project.events.list(movie.id).length, 1);
  } finally {
    api.dispose();
    project.close();
  }
});
