import type { Database } from 'better-sqlite3';

/**
 * The model registry: a name a person can give a model, and which model each role (verbal and
 * non-verbal detector, valence) analyses with. A role without a row keeps the old rule (the project's
 * newest model, else the shipped one), so existing projects analyse as before until someone chooses.
 */
export function updateToSchemaVersion5(db: Database): void {
  db.exec(`
    ALTER TABLE models ADD COLUMN name TEXT;
    CREATE TABLE active_models (
      role TEXT PRIMARY KEY CHECK (role IN ('verbal', 'nonverbal', 'valence')),
      version TEXT NOT NULL
    );
  `);
}
