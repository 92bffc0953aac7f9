/**
 * The review queue's verdicts (migration 7). A verdict counts while the history step that applied it
 * is done, so the queue, undo and redo agree without the history knowing about verdicts.
 */
import type { ReviewDecision, ReviewVerdict } from '../../contract/review.js';
import type { EventClass } from '../../contract/domain.js';
import type { Db } from '../db.js';

interface DecisionRow {
  id: number;
  movie_id: number;
  label: EventClass;
  onset: number;
  offset: number;
  verdict: ReviewVerdict;
  new_label: EventClass | null;
  decided_at: string;
}

const toDecision = (r: DecisionRow): ReviewDecision => ({
  id: r.id,
  movieId: r.movie_id,
  label: r.label,
  start: r.onset,
  end: r.offset,
  verdict: r.verdict,
  newLabel: r.new_label,
  decidedAt: r.decided_at,
});

const IN_EFFECT = `SELECT d.* FROM review_decisions d JOIN edit_history h ON h.id = d.history_id WHERE h.undone = 0`;

export class ReviewRepo {
  readonly #insert;
  readonly #get;
  readonly #lastStep;
  readonly #ofMovie;
  readonly #all;

  constructor(db: Db) {
    this.#insert = db.prepare(
      'INSERT INTO review_decisions (movie_id, label, onset, offset, verdict, new_label, history_id) VALUES (@movieId, @label, @start, @end, @verdict, @newLabel, @historyId)',
    );
    this.#get = db.prepare<[number], DecisionRow>('SELECT * FROM review_decisions WHERE id = ?');
    this.#lastStep = db.prepare<[], { id: number }>('SELECT max(id) AS id FROM edit_history');
    this.#ofMovie = db.prepare<[number], DecisionRow>(`${IN_EFFECT} AND d.movie_id = ? ORDER BY d.onset, d.id`);
    this.#all = db.prepare<[], DecisionRow>(`${IN_EFFECT} ORDER BY d.movie_id, d.onset, d.id`);
  }

  /**
   * Records a verdict as part of the history step just applied: call it in the transaction that
   * applied the step, right after it, so the newest step is that one.
   */
  recordWithLastStep(d: Pick<ReviewDecision, 'movieId' | 'label' | 'start' | 'end' | 'verdict' | 'newLabel'>): ReviewDecision {
    const step = this.#lastStep.get()?.id;
    if (step === null || step === undefined) throw new Error('a review verdict needs the history step that applied it');
    const id = Number(this.#insert.run({ ...d, historyId: step }).lastInsertRowid);
    return toDecision(this.#get.get(id)!);
  }

  /** Verdicts whose step is done (not undone), of one film or of all. */
  inEffect(movieId?: number): ReviewDecision[] {
    return (movieId === undefined ? this.#all.all() : this.#ofMovie.all(movieId)).map(toDecision);
  }
}
