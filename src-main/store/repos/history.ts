/**
 * Persistent undo/redo. Each user edit is one row holding the ops that redo it and the ops that undo
 * it; undone rows form the redo stack and are dropped by the next new edit.
 */
import { VALENCE_RATE_HZ, type HistoryState } from '../../contract/domain.js';
import type { Db } from '../db.js';
import type { EditOp, TraceOp } from '../../events/event-types.js';
import { notFound } from '../../contract/errors.js';
import type { EventsRepo } from './events.js';
import type { ValenceRepo } from './valence.js';

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
  readonly #valence: ValenceRepo;
  readonly #dropRedo;
  readonly #insert;
  readonly #lastDone;
  readonly #firstUndone;
  readonly #mark;

  constructor(db: Db, events: EventsRepo, valence: ValenceRepo) {
    this.#db = db;
    this.#events = events;
    this.#valence = valence;
    this.#dropRedo = db.prepare('DELETE FROM edit_history WHERE undone = 1');
    this.#insert = db.prepare('INSERT INTO edit_history (movie_id, label, forward, backward) VALUES (?, ?, ?, ?)');
    this.#lastDone = db.prepare<[], HistoryRow>('SELECT * FROM edit_history WHERE undone = 0 ORDER BY id DESC LIMIT 1');
    this.#firstUndone = db.prepare<[], HistoryRow>('SELECT * FROM edit_history WHERE undone = 1 ORDER BY id LIMIT 1');
    this.#mark = db.prepare<[number, number]>('UPDATE edit_history SET undone = ? WHERE id = ?');
  }

  /** Applies an edit and records it, as one transaction. Returns the movie it touched. */
  apply(movieId: number, label: string, forward: EditOp[], backward: EditOp[]): void {
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
      this.#run(JSON.parse(row.backward) as EditOp[]);
      this.#mark.run(1, row.id);
      return row.movie_id;
    }).immediate();
  }

  redo(): number | null {
    return this.#db.transaction(() => {
      const row = this.#firstUndone.get();
      if (!row) return null;
      this.#run(JSON.parse(row.forward) as EditOp[]);
      this.#mark.run(0, row.id);
      return row.movie_id;
    }).immediate();
  }

  state(): HistoryState {
    const done = this.#lastDone.get();
    const undone = this.#firstUndone.get();
    return { canUndo: !!done, canRedo: !!undone, undoLabel: done?.label ?? null, redoLabel: undone?.label ?? null };
  }

  #run(ops: EditOp[]): void {
    for (const o of ops) {
      if (o.op === 'put') this.#events.put(o.event);
      else if (o.op === 'del') this.#events.delete(o.id);
      else this.#runTrace(o);
    }
  }

  #runTrace(o: TraceOp): void {
    const { movieId, rater } = o.trace;
    const existing = this.#valence.byRater(movieId, rater);
    if (o.op === 'trace-put') {
      if (existing) this.#valence.delete(existing.id);
      this.#valence.insert({ movieId, kind: 'annotation', name: o.name, rater, rate: VALENCE_RATE_HZ, values: toFloats(o.values) });
      return;
    }
    if (!existing) throw notFound(`no valence trace by ${rater} on movie ${movieId}`);
    if (o.op === 'trace-del') this.#valence.delete(existing.id);
    else this.#valence.writeRange(existing.id, o.start, toFloats(o.values));
  }
}

/** Edits keep unrated frames (NaN) as null, since JSON has no NaN. */
const toFloats = (values: Array<number | null>) => Float32Array.from(values, (v) => (v === null ? Number.NaN : v));
