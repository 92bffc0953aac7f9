import type { Database } from 'better-sqlite3';

/**
 * Project settings (one JSON value per key, e.g. the visual backbone) and evaluation reports, so the
 * settings an analysis used and the reports a researcher publishes travel with the project file.
 */
export function updateToSchemaVersion3(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE reports (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
  `);
}
