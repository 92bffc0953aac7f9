/**
 * Opens (or creates) a project: one SQLite file, WAL, foreign keys on, migrated to the latest schema.
 * A file that is not ours is refused before anything is written to it.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { badRequest } from '../contract/errors.js';
import { migrate, SchemaFromFutureError } from './migrations/index.js';

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

export function openProjectDb(path: string, { create = true } = {}): Db {
  const exists = existsSync(path);
  if (!exists && !create) throw badRequest(`project file not found: ${path}`);
  if (exists) {
    if (statSync(path).isDirectory()) throw badRequest(`${path} is a folder, not a project file`);
    const size = statSync(path).size;
    if (size > 0 && readHeader(path) !== SQLITE_MAGIC) {
      throw badRequest(`${path} is not a Valence Studio project (not an SQLite database)`);
    }
  }
  // Electron needs better-sqlite3 built for its own ABI; `npm start` builds one and points here.
  const nativeBinding = process.env.VALENCE_SQLITE_BINDING;
  const db = new Database(path, nativeBinding ? { nativeBinding } : {});
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
      throw badRequest(`${path} is not a Valence Studio project (it is another application's SQLite database)`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof SchemaFromFutureError) throw badRequest(err.message);
    throw err;
  }
}
