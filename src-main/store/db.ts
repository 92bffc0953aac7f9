/**
 * Opens (or creates) a project: one SQLite file, WAL, foreign keys on, migrated to the latest schema.
 * A file that is not ours, is from a newer version or is damaged is refused before anything is
 * written to it.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { badRequest } from '../contract/errors.js';
import { futureSchemaMessage, LATEST_SCHEMA_VERSION, migrate, SchemaFromFutureError } from './migrations/index.js';

/** 'VaSt' — marks a SQLite file as a Valence Studio project. */
export const APPLICATION_ID = 0x56615374;
const SQLITE_MAGIC = 'SQLite format 3\0';

export type Db = Database.Database;

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * How long a write waits for another process's write to finish before giving up. Every write
 * transaction is run with `.immediate()`, taking the write lock when it begins, so waiting works: a deferred one that read
 * first could only fail at once when another connection had committed in between.
 */
export const BUSY_TIMEOUT_MS = 15_000;

export function openProjectDb(path: string, { create = true } = {}): Db {
  const exists = existsSync(path);
  if (!exists && !create) throw badRequest(`project file not found: ${path}`);
  if (exists && statSync(path).isDirectory()) throw badRequest(`${path} is a folder, not a project file`);
  const fresh = !exists || statSync(path).size === 0;
  if (!fresh && readHeader(path) !== SQLITE_MAGIC) {
    throw badRequest(`${path} is not a Valence Studio project (not an SQLite database)`);
  }
  // Electron needs better-sqlite3 built for its own ABI; `npm start` builds one and points here.
  const nativeBinding = process.env.VALENCE_SQLITE_BINDING;
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Everything up to here only reads, so a file we refuse is left exactly as it was.
    if (fresh) db.pragma(`application_id = ${APPLICATION_ID}`);
    else checkExisting(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof SchemaFromFutureError) throw badRequest(err.message);
    throw err;
  }
}

/** Ours, not from a newer version, and not damaged: read-only checks before anything is written. */
function checkExisting(db: Db, path: string): void {
  let appId: number;
  let check: string;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    if (appId === APPLICATION_ID) refuseFutureSchema(db);
    check = String(db.pragma('quick_check(1)', { simple: true }));
  } catch (err) {
    if (err instanceof SchemaFromFutureError) throw err;
    check = err instanceof Error ? err.message : String(err);
    appId = APPLICATION_ID;
  }
  // A file we created carries our mark from its first write; one without it belongs to someone else.
  if (appId !== APPLICATION_ID) {
    throw badRequest(`${path} is not a Valence Studio project (it is another application's SQLite database); it was not changed`);
  }
  if (check !== 'ok') {
    throw badRequest(
      `${path} is damaged (SQLite quick_check: ${check.split('\n').find((l) => l && !l.startsWith('***')) ?? check}); it was not changed. Open a backup, or recover it with sqlite3's .recover`,
    );
  }
}

function refuseFutureSchema(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_SCHEMA_VERSION) throw new SchemaFromFutureError(futureSchemaMessage(version));
}
