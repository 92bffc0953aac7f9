import type { Database } from 'better-sqlite3';

/**
 * Raters: each annotation trace belongs to one rater, so a film can carry several ratings and their
 * agreement. Existing annotation traces (imported before raters existed) keep their name as rater.
 */
export function updateToSchemaVersion4(db: Database): void {
  db.exec(`
    ALTER TABLE valence_series ADD COLUMN rater TEXT;
    UPDATE valence_series SET rater = name WHERE kind = 'annotation';
    CREATE INDEX valence_by_movie_rater ON valence_series (movie_id, rater);
  `);
}
