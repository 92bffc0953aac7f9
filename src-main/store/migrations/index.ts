/** Numbered, append-only migrations. Each runs in its own transaction and bumps user_version. */
import type { Database } from 'better-sqlite3';
import { updateToSchemaVersion1 } from './0001-init.js';
import { updateToSchemaVersion2 } from './0002-job-stages.js';
import { updateToSchemaVersion3 } from './0003-settings-reports.js';
import { updateToSchemaVersion4 } from './0004-raters.js';
import { updateToSchemaVersion5 } from './0005-model-registry.js';
import { updateToSchemaVersion6 } from './0006-spectrograms.js';
import { updateToSchemaVersion7 } from './0007-review-decisions.js';
import { updateToSchemaVersion8 } from './0008-valence-shares.js';

export const MIGRATIONS: ReadonlyArray<{ version: number; up: (db: Database) => void }> = [
  { version: 1, up: updateToSchemaVersion1 },
  { version: 2, up: updateToSchemaVersion2 },
  { version: 3, up: updateToSchemaVersion3 },
  { version: 4, up: updateToSchemaVersion4 },
  { version: 5, up: updateToSchemaVersion5 },
  { version: 6, up: updateToSchemaVersion6 },
  { version: 7, up: updateToSchemaVersion7 },
  { version: 8, up: updateToSchemaVersion8 },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export class SchemaFromFutureError extends Error {}

export const futureSchemaMessage = (version: number) =>
  `this project was written by a newer Valence Studio (schema ${version}, this version knows ${LATEST_SCHEMA_VERSION}); update the app to open it`;

export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new SchemaFromFutureError(futureSchemaMessage(current));
  }
  MIGRATIONS.reduce((prev, m) => {
    if (m.version <= prev) throw new Error(`migrations out of order at ${m.version}`);
    return m.version;
  }, 0);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    // IMMEDIATE: two processes opening an old project at once migrate it one after the other.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
