/**
 * Files the app refuses are left byte-for-byte as they were (no WAL switch, no application id), and a
 * damaged project is refused by SQLite's quick_check before anything is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, openSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Project } from '../../src-main/store/project.js';
import { LATEST_SCHEMA_VERSION } from '../../src-main/store/migrations/index.js';
import { tempDir } from '../helpers/media.js';

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A closed project in rollback-journal mode, as another tool (or an older copy) might leave it. */
function rollbackModeProject(path: string): void {
  Project.open(path).close();
  const db = new Database(path);
  db.pragma('journal_mode = DELETE');
  db.close();
}

test('a project from a newer version is refused byte-for-byte unchanged, not switched to WAL', () => {
  const path = join(tempDir(), 'future.vsproj');
  rollbackModeProject(path);
  const db = new Database(path);
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  db.close();
  const before = digest(path);
  assert.throws(() => Project.open(path), /newer Valence Studio/);
  assert.equal(digest(path), before);
  // Header bytes 18–19 are 1 in rollback mode and 2 in WAL mode.
  assert.equal(readFileSync(path)[18], 1);
  assert.ok(!existsSync(`${path}-wal`));
});

test("another program's empty SQLite file is refused, not stamped with our application id", () => {
  const path = join(tempDir(), 'empty-other.db');
  const db = new Database(path);
  db.pragma('user_version = 7');
  db.close();
  assert.ok(statSync(path).size > 0);
  const before = digest(path);
  assert.throws(() => Project.open(path), /another application's SQLite database/);
  assert.equal(digest(path), before);
});

test('a bit-rotted project is refused by quick_check with a clear message, and not written to', () => {
  const path = join(tempDir(), 'rotten.vsproj');
  const p = Project.open(path);
  const track = p.events.track(p.movies.insert({ path: '/x.mp4', title: 'x', contentHash: 'h', sizeBytes: 1, duration: 600, fps: 25, audio: null, video: null }).id, 'researcher');
  for (let i = 0; i < 3000; i++) {
    p.events.put({ trackId: track, movieId: 1, label: 'laughter', onset: i / 10, offset: i / 10 + 0.05, source: 'human', confidence: null, modelVersion: null });
  }
  p.close();
  rollbackModeProject(path);
  // Zero a stretch in the middle of the file: b-tree pages the check walks.
  const fd = openSync(path, 'r+');
  const size = statSync(path).size;
  writeSync(fd, Buffer.alloc(512, 0x41), 0, 512, Math.floor(size / 2 / 4096) * 4096 + 64);
  closeSync(fd);
  const before = digest(path);
  assert.throws(() => Project.open(path), /is damaged \(SQLite quick_check: .+\); it was not changed/);
  assert.equal(digest(path), before);
});

test('a healthy project still opens, and a fresh 0-byte file becomes a project', () => {
  const dir = tempDir();
  const path = join(dir, 'ok.vsproj');
  rollbackModeProject(path);
  const p = Project.open(path);
  assert.equal(p.db.pragma('journal_mode', { simple: true }), 'wal');
  p.close();
  const blank = join(dir, 'blank.vsproj');
  closeSync(openSync(blank, 'w'));
  const b = Project.open(blank);
  assert.equal(b.schemaVersion(), LATEST_SCHEMA_VERSION);
  b.close();
});
