/**
 * Persistent undo/redo. Each user edit is one row holding the ops that redo it and the ops that undo
 * it; undone rows form the redo stack and are dropped by the next new edit.
 */
import type { HistoryState } from '../../contract/domain.js';
import type { Db } from '../db.js';
import type { EventOp } from '../../events/event-types.js';
import type { EventsRepo } from './events.js';

interface HistoryRow {
  id: number;
  movie_id: number | null;
  label: string;
  forward: string;
  backward: string;
}

export class HistoryRepo {
  readonly #db: Db;
  readonly #events: EventsRepo;
  readonly #dropRedo;
  readonly #insert;
  readonly #lastDone;
  readonly #firstUndone;
  readonly #mark;

  constructor(db: Db, events: EventsRepo) {
    this.#db = db;
    this.#events = events;
    this.#dropRedo = db.prepare('DELETE FROM edit_history WHERE undone = 1');
    this.#insert = db.prepare('INSERT INTO edit_history (movie_id, label, forward, backward) VALUES (?, ?, ?, ?)');
    this.#lastDone = db.prepare<[], HistoryRow>('SELECT * FROM edit_history WHERE undone = 0 ORDER BY id DESC LIMIT 1');
    this.#firstUndone = db.prepare<[], HistoryRow>('SELECT * FROM edit_history WHERE undone = 1 ORDER BY id LIMIT 1');
    this.#mark = db.prepare<[number, number]>('UPDATE edit_history SET undone = ? WHERE id = ?');
  }

  /** Applies an edit and records it, as one transaction. Returns the movie it touched. */
  apply(movieId: number, label: string, forward: EventOp[], backward: EventOp[]): void {
    this.#db.transaction(() => {
      this.#run(forward);
      this.#dropRedo.run();
      this.#insert.run(movieId, label, JSON.stringify(forward), JSON.stringify(backward));
    }).immediate();
  }

  /** Returns the movie whose events changed, or null when there was nothing to undo. */
  undo(): number | null {
    return this.#db.transaction(() => {
      const row = this.#lastDone.get();
      if (!row) return null;
      this.#run(JSON.parse(row.backward) as EventOp[]);
      this.#mark.run(1, row.id);
      return row.movie_id;
    }).immediate();
  }

  redo(): number | null {
    return this.#db.transaction(() => {
      const row = this.#firstUndone.get();
      if (!row) return null;
      this.#run(JSON.parse(row.forward) as EventOp[]);
      this.#mark.run(0, row.id);
      return row.movie_id;
    }).immediate();
  }

  state(): HistoryState {
    const done = this.#lastDone.get();
    const undone = this.#firstUndone.get();
    return { canUndo: !!done, canRedo: !!undone, undoLabel: done?.label ?? null, redoLabel: undone?.label ?? null };
  }

  #run(ops: EventOp[]): void {
    for (const o of ops) {
      if (o.op === 'put') this.#events.put(o.event);
      else this.#events.delete(o.id);
    }
  }
}
