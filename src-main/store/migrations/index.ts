/** Numbered, append-only migrations. Each runs in its own transaction and bumps user_version. */
import type { Database } from 'better-sqlite3';
import { updateToSchemaVersion1 } from './0001-init.js';
import { updateToSchemaVersion2 } from './0002-job-stages.js';
import { updateToSchemaVersion3 } from './0003-settings-reports.js';

export const MIGRATIONS: ReadonlyArray<{ version: number; up: (db: Database) => void }> = [
  { version: 1, up: updateToSchemaVersion1 },
  { version: 2, up: updateToSchemaVersion2 },
  { version: 3, up: updateToSchemaVersion3 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export class SchemaFromFutureError extends Error {}

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new SchemaFromFutureError(
      `this project was written by a newer Valence Studio (schema ${current}, this version knows ${LATEST_SCHEMA_VERSION}); update the app to open it`,
    );
  }
  MIGRATIONS.reduce((prev, m) => {
    if (m.version <= prev) throw new Error(`migrations out of order at ${m.version}`);
    return m.version;
  }, 0);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
