import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Project } from '../../src-main/store/project.js';
import { APPLICATION_ID } from '../../src-main/store/db.js';
import { LATEST_SCHEMA_VERSION } from '../../src-main/store/migrations/index.js';
import { tempDir } from '../helpers/media.js';

test('a new project is migrated to the latest schema, in WAL mode with foreign keys on', () => {
  const path = join(tempDir(), 'new.vsproj');
  const p = Project.open(path);
  assert.equal(p.schemaVersion(), LATEST_SCHEMA_VERSION);
  assert.equal(p.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(p.db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(p.db.pragma('application_id', { simple: true }), APPLICATION_ID);
  const tables = p.db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all().map((r) => (r as { name: string }).name);
  for (const t of ['movies', 'waveform_peaks', 'event_tracks', 'events', 'valence_series', 'models', 'jobs', 'edit_history', 'descriptor_sets']) {
    assert.ok(tables.includes(t), `table ${t}`);
  }
  assert.ok(p.integrityOk());
  p.close();
  // Reopening applies nothing twice.
  const again = Project.open(path);
  assert.equal(again.schemaVersion(), LATEST_SCHEMA_VERSION);
  again.close();
});

test('events use the intended index when listed by movie', () => {
  const p = Project.open(join(tempDir(), 'plan.vsproj'));
  const plan = p.db.prepare('EXPLAIN QUERY PLAN SELECT * FROM events WHERE movie_id = ? ORDER BY onset, id').all(1);
  assert.match(JSON.stringify(plan), /events_by_movie/);
  p.close();
});

test('files that are not Valence Studio projects are refused without being changed', () => {
  const dir = tempDir();
  const text = join(dir, 'notes.vsproj');
  writeFileSync(text, 'just some text, not a database\n');
  assert.throws(() => Project.open(text), /not a Valence Studio project \(not an SQLite database\)/);

  const other = join(dir, 'other.db');
  const db = new Database(other);
  db.exec('CREATE TABLE contacts (name TEXT)');
  db.close();
  assert.throws(() => Project.open(other), /another application's SQLite database/);
  const check = new Database(other);
  assert.equal(check.pragma('user_version', { simple: true }), 0);
  check.close();

  assert.throws(() => Project.open(join(dir, 'missing.vsproj'), { create: false }), /project file not found/);
});

test('a project from a newer version is refused', () => {
  const path = join(tempDir(), 'future.vsproj');
  Project.open(path).close();
  const db = new Database(path);
  db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  db.close();
  assert.throws(() => Project.open(path), /newer Valence Studio/);
});
