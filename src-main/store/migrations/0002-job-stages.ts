import type { Database } from 'better-sqlite3';

/** Multi-stage jobs (Analyze) report one progress value per stage and an estimate of the time left. */
export function updateToSchemaVersion2(db: Database): void {
  db.exec(`
    ALTER TABLE jobs ADD COLUMN stages TEXT;
    ALTER TABLE jobs ADD COLUMN eta_seconds REAL;
  `);
}
