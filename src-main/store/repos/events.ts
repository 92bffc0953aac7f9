import type { EventClass, EventSource } from '../../contract/domain.js';
import type { NewEvent, StoredEvent } from '../../events/event-types.js';
import type { Db } from '../db.js';

interface EventRow {
  id: number;
  track_id: number;
  movie_id: number;
  label: EventClass;
  onset: number;
  offset: number;
  source: EventSource;
  confidence: number | null;
  model_version: string | null;
}

const toEvent = (r: EventRow): StoredEvent => ({
  id: r.id,
  trackId: r.track_id,
  movieId: r.movie_id,
  label: r.label,
  onset: r.onset,
  offset: r.offset,
  source: r.source,
  confidence: r.confidence,
  modelVersion: r.model_version,
});

export class EventsRepo {
  readonly #list;
  readonly #get;
  readonly #put;
  readonly #del;
  readonly #trackId;
  readonly #newTrack;

  constructor(db: Db) {
    this.#list = db.prepare<[number], EventRow>('SELECT * FROM events WHERE movie_id = ? ORDER BY onset, id');
    this.#get = db.prepare<[number], EventRow>('SELECT * FROM events WHERE id = ?');
    this.#put = db.prepare(
      `INSERT OR REPLACE INTO events (id, track_id, movie_id, label, onset, offset, source, confidence, model_version)
       VALUES (@id, @trackId, @movieId, @label, @onset, @offset, @source, @confidence, @modelVersion)`,
    );
    this.#del = db.prepare<[number]>('DELETE FROM events WHERE id = ?');
    this.#trackId = db.prepare<[number, string], { id: number }>('SELECT id FROM event_tracks WHERE movie_id = ? AND name = ?');
    this.#newTrack = db.prepare<[number, string, number | null]>('INSERT INTO event_tracks (movie_id, name, model_id) VALUES (?, ?, ?)');
  }

  list(movieId: number): StoredEvent[] {
    return this.#list.all(movieId).map(toEvent);
  }

  get(id: number): StoredEvent | null {
    const row = this.#get.get(id);
    return row ? toEvent(row) : null;
  }

  /** Inserts, or replaces the row with the same id (undo/redo re-create events under their old ids). */
  put(e: NewEvent): StoredEvent {
    const info = this.#put.run({ ...e, id: e.id ?? null });
    return this.get(e.id ?? Number(info.lastInsertRowid))!;
  }

  delete(id: number): boolean {
    return this.#del.run(id).changes > 0;
  }

  track(movieId: number, name: string, modelId: number | null = null): number {
    const row = this.#trackId.get(movieId, name);
    if (row) return row.id;
    return Number(this.#newTrack.run(movieId, name, modelId).lastInsertRowid);
  }
}
