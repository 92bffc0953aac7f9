import type { Database } from 'better-sqlite3';

/**
 * Spectrograms, stored like the waveform peaks: one row per resolution, bytes column-major. Films
 * imported before this version have none until someone computes it; nothing else changes.
 */
export function updateToSchemaVersion6(db: Database): void {
  db.exec(`
    CREATE TABLE spectrograms (
      movie_id INTEGER NOT NULL REFERENCES movies(id) ON DELETE CASCADE,
      columns_per_second REAL NOT NULL,
      bands INTEGER NOT NULL,
      count INTEGER NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (movie_id, columns_per_second)
    );
  `);
}
