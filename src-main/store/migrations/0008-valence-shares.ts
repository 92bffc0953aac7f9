import type { Database } from 'better-sqlite3';

/**
 * Why a prediction moved: each prediction series may carry, per 25 Hz frame, each input modality's
 * share of it (float32, frames × modalities, NaN where none mattered) and the modalities' names in
 * order. Predictions made before this version have none until predicted again.
 */
export function updateToSchemaVersion8(db: Database): void {
  db.exec(`
    ALTER TABLE valence_series ADD COLUMN shares BLOB;
    ALTER TABLE valence_series ADD COLUMN share_modalities TEXT;
  `);
}
