import type { ValenceKind, ValenceSeriesInfo } from '../../contract/domain.js';
import { notFound } from '../../contract/errors.js';
import type { Db } from '../db.js';

interface SeriesRow {
  id: number;
  movie_id: number;
  kind: ValenceKind;
  name: string;
  rater: string | null;
  rate: number;
  length: number;
  model_version: string | null;
  created_at: string;
}

const toInfo = (r: SeriesRow): ValenceSeriesInfo => ({
  id: r.id,
  movieId: r.movie_id,
  kind: r.kind,
  name: r.name,
  rater: r.rater,
  rate: r.rate,
  length: r.length,
  modelVersion: r.model_version,
  createdAt: r.created_at,
});

const COLUMNS = 'id, movie_id, kind, name, rater, rate, length, model_version, created_at';

/** Per frame, each modality's share of a prediction: [frames × modalities.length], NaN where none mattered. */
export interface SeriesShares {
  modalities: string[];
  values: Float32Array;
}

export interface NewValenceSeries {
  /** Given when a trace is restored (redo), so its id, and the edits that name it, stay valid. */
  id?: number;
  movieId: number;
  kind: ValenceKind;
  name: string;
  /** Annotations: who rated it. */
  rater?: string | null;
  rate: number;
  /** 25 Hz values on [-1, 1]; NaN where the rater gave none. */
  values: Float32Array;
  probs?: Float32Array;
  /** Predictions: each input modality's share per frame (see valence/explain). */
  shares?: SeriesShares;
  modelId?: number | null;
  modelVersion?: string | null;
}

export class ValenceRepo {
  readonly #list;
  readonly #get;
  readonly #values;
  readonly #insert;
  readonly #rename;
  readonly #delete;
  readonly #setValues;
  readonly #shares;

  constructor(db: Db) {
    this.#delete = db.prepare<[number]>('DELETE FROM valence_series WHERE id = ?');
    this.#setValues = db.prepare<[Buffer, number, number]>('UPDATE valence_series SET vals = ?, length = ? WHERE id = ?');
    this.#rename = db.prepare<[string, number]>('UPDATE valence_series SET name = ? WHERE id = ?');
    this.#list = db.prepare<[number], SeriesRow>(`SELECT ${COLUMNS} FROM valence_series WHERE movie_id = ? ORDER BY id`);
    this.#get = db.prepare<[number], SeriesRow>(`SELECT ${COLUMNS} FROM valence_series WHERE id = ?`);
    this.#values = db.prepare<[number], { vals: Buffer }>('SELECT vals FROM valence_series WHERE id = ?');
    this.#shares = db.prepare<[number], { shares: Buffer | null; share_modalities: string | null }>('SELECT shares, share_modalities FROM valence_series WHERE id = ?');
    this.#insert = db.prepare(
      `INSERT INTO valence_series (id, movie_id, kind, name, rater, rate, length, vals, probs, shares, share_modalities, model_id, model_version)
       VALUES (@id, @movieId, @kind, @name, @rater, @rate, @length, @vals, @probs, @shares, @shareModalities, @modelId, @modelVersion)`,
    );
  }

  list(movieId: number): ValenceSeriesInfo[] {
    return this.#list.all(movieId).map(toInfo);
  }

  info(id: number): ValenceSeriesInfo {
    const row = this.#get.get(id);
    if (!row) throw notFound(`no valence series ${id} in this project`);
    return toInfo(row);
  }

  values(id: number): Float32Array {
    const row = this.#values.get(id);
    if (!row) throw notFound(`no valence series ${id} in this project`);
    const b = row.vals;
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  }

  /** A prediction's per-frame modality shares; null for annotations and predictions made without them. */
  shares(id: number): SeriesShares | null {
    const row = this.#shares.get(id);
    if (!row) throw notFound(`no valence series ${id} in this project`);
    if (!row.shares || !row.share_modalities) return null;
    const b = row.shares;
    return { modalities: JSON.parse(row.share_modalities) as string[], values: new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) };
  }

  rename(id: number, name: string): ValenceSeriesInfo {
    this.#rename.run(name, id);
    return this.info(id);
  }

  insert(s: NewValenceSeries): ValenceSeriesInfo {
    const info = this.#insert.run({
      id: s.id ?? null,
      movieId: s.movieId,
      kind: s.kind,
      name: s.name,
      rater: s.rater ?? null,
      rate: s.rate,
      length: s.values.length,
      vals: Buffer.from(s.values.buffer, s.values.byteOffset, s.values.byteLength),
      probs: s.probs ? Buffer.from(s.probs.buffer, s.probs.byteOffset, s.probs.byteLength) : null,
      shares: s.shares ? Buffer.from(s.shares.values.buffer, s.shares.values.byteOffset, s.shares.values.byteLength) : null,
      shareModalities: s.shares ? JSON.stringify(s.shares.modalities) : null,
      modelId: s.modelId ?? null,
      modelVersion: s.modelVersion ?? null,
    });
    return this.info(Number(info.lastInsertRowid));
  }

  /** The film's newest annotation trace by this rater, if any. */
  byRater(movieId: number, rater: string): ValenceSeriesInfo | null {
    return this.list(movieId).filter((s) => s.kind === 'annotation' && s.rater === rater).pop() ?? null;
  }

  delete(id: number): void {
    if (this.#delete.run(id).changes === 0) throw notFound(`no valence series ${id} in this project`);
  }

  /** Writes `values` from frame `start` on, growing the trace (with NaN, not rated) when they run past its end. */
  writeRange(id: number, start: number, values: Float32Array): void {
    const old = this.values(id);
    const next = new Float32Array(Math.max(old.length, start + values.length)).fill(Number.NaN);
    next.set(old);
    next.set(values, start);
    this.#setValues.run(Buffer.from(next.buffer), next.length, id);
  }
}
