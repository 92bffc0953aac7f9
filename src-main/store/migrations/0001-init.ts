import type { Database } from 'better-sqlite3';
import { EVENT_CLASSES } from '../../contract/domain.js';

const labels = EVENT_CLASSES.map((l) => `'${l}'`).join(', ');

export function updateToSchemaVersion1(db: Database): void {
  db.exec(`
    CREATE TABLE movies (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL,
      title TEXT NOT NULL,
      content_hash TEXT NOT NULL UNIQUE,
      size_bytes INTEGER NOT NULL,
      duration REAL NOT NULL CHECK (duration > 0),
      fps REAL,
      audio_json TEXT,
      video_json TEXT,
      imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );

    -- Min/max pairs per bin as little-endian Int16 blobs, one row per resolution.
    CREATE TABLE waveform_peaks (
      movie_id INTEGER NOT NULL REFERENCES movies(id) ON DELETE CASCADE,
      bins_per_second REAL NOT NULL,
      count INTEGER NOT NULL,
      min BLOB NOT NULL,
      max BLOB NOT NULL,
      PRIMARY KEY (movie_id, bins_per_second)
    );

    CREATE TABLE models (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      architecture TEXT NOT NULL,
      version TEXT NOT NULL UNIQUE,
      config TEXT NOT NULL,
      weights BLOB,
      metrics TEXT,
      training_summary TEXT,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );

    CREATE TABLE event_tracks (
      id INTEGER PRIMARY KEY,
      movie_id INTEGER NOT NULL REFERENCES movies(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      model_id INTEGER REFERENCES models(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      UNIQUE (movie_id, name)
    );

    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      track_id INTEGER NOT NULL REFERENCES event_tracks(id) ON DELETE CASCADE,
      movie_id INTEGER NOT NULL REFERENCES movies(id) ON DELETE CASCADE,
      label TEXT NOT NULL CHECK (label IN (${labels})),
      onset REAL NOT NULL CHECK (onset >= 0),
      offset REAL NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('human', 'model', 'import')),
      confidence REAL,
      model_version TEXT,
      CHECK (offset > onset)
    );
    CREATE INDEX events_by_movie ON events (movie_id, onset);

    -- 25 Hz float32 curves on [-1, 1]; predictions also keep their 7-class probabilities.
    CREATE TABLE valence_series (
      id INTEGER PRIMARY KEY,
      movie_id INTEGER NOT NULL REFERENCES movies(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('annotation', 'prediction')),
      name TEXT NOT NULL,
      rate REAL NOT NULL,
      length INTEGER NOT NULL,
      vals BLOB NOT NULL,
      probs BLOB,
      model_id INTEGER REFERENCES models(id) ON DELETE SET NULL,
      model_version TEXT,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE INDEX valence_by_movie ON valence_series (movie_id);

    -- Frame-wise descriptors (audio, visual, motion, sound semantics) stored in chunks so a film
    -- never has to be held in memory whole and an interrupted job can resume after its last chunk.
    CREATE TABLE descriptor_sets (
      id INTEGER PRIMARY KEY,
      movie_id INTEGER NOT NULL REFERENCES movies(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      settings_hash TEXT NOT NULL,
      rate REAL NOT NULL,
      dims INTEGER NOT NULL,
      names TEXT,
      frames INTEGER NOT NULL DEFAULT 0,
      complete INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      UNIQUE (movie_id, kind)
    );
    CREATE TABLE descriptor_chunks (
      set_id INTEGER NOT NULL REFERENCES descriptor_sets(id) ON DELETE CASCADE,
      chunk_index INTEGER NOT NULL,
      start_frame INTEGER NOT NULL,
      frame_count INTEGER NOT NULL,
      dtype TEXT NOT NULL CHECK (dtype IN ('float32', 'float16')),
      data BLOB NOT NULL,
      PRIMARY KEY (set_id, chunk_index)
    );

    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
      progress REAL NOT NULL DEFAULT 0,
      message TEXT NOT NULL DEFAULT '',
      params TEXT NOT NULL,
      result TEXT,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );

    -- One row per user edit; forward/backward are JSON op lists so undo/redo survive a restart.
    CREATE TABLE edit_history (
      id INTEGER PRIMARY KEY,
      movie_id INTEGER REFERENCES movies(id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      forward TEXT NOT NULL,
      backward TEXT NOT NULL,
      undone INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
  `);
}
