import type { Database } from 'better-sqlite3';

/**
 * The review queue's verdicts (#13 item 5): per film, class and span, accept, reject or relabel. Each
 * belongs to the history step that applied it and counts while that step is done: undo takes the
 * verdict back with its events, redo restores it, and a step dropped from the redo stack takes its
 * verdict along (ON DELETE CASCADE). The class names are the eight of schema 1, written out: a
 * migration must not change with the code.
 */
export function updateToSchemaVersion7(db: Database): void {
  const labels = "'speech_male', 'speech_female', 'crowd', 'singing', 'shouting', 'crying', 'breathing', 'laughter'";
  db.exec(`
    CREATE TABLE review_decisions (
      id INTEGER PRIMARY KEY,
      movie_id INTEGER NOT NULL REFERENCES movies(id) ON DELETE CASCADE,
      label TEXT NOT NULL CHECK (label IN (${labels})),
      onset REAL NOT NULL CHECK (onset >= 0),
      offset REAL NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'relabel')),
      new_label TEXT CHECK (new_label IN (${labels})),
      history_id INTEGER NOT NULL REFERENCES edit_history(id) ON DELETE CASCADE,
      decided_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      CHECK (offset > onset),
      CHECK ((verdict = 'relabel') = (new_label IS NOT NULL))
    );
    CREATE INDEX review_decisions_by_movie ON review_decisions (movie_id, onset);
    CREATE INDEX review_decisions_by_step ON review_decisions (history_id);
  `);
}
