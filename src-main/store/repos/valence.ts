import type { ValenceKind, ValenceSeriesInfo } from '../../contract/domain.js';
import { notFound } from '../../contract/errors.js';
import type { Db } from '../db.js';

interface SeriesRow {
  id: number;
  movie_id: number;
  kind: ValenceKind;
  name: string;
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
  rate: r.rate,
  length: r.length,
  modelVersion: r.model_version,
  createdAt: r.created_at,
});

const COLUMNS = 'id, movie_id, kind, name, rate, length, model_version, created_at';

export interface NewValenceSeries {
  movieId: number;
  kind: ValenceKind;
  name: string;
  rate: number;
  values: Float32Array;
  probs?: Float32Array;
  modelId?: number | null;
  modelVersion?: string | null;
}

export class ValenceRepo {
  readonly #list;
  readonly #get;
  readonly #values;
  readonly #insert;
  readonly #rename;

  constructor(db: Db) {
    this.#rename = db.prepare<[string, number]>('UPDATE valence_series SET name = ? WHERE id = ?');
    this.#list = db.prepare<[number], SeriesRow>(`SELECT ${COLUMNS} FROM valence_series WHERE movie_id = ? ORDER BY id`);
    this.#get = db.prepare<[number], SeriesRow>(`SELECT ${COLUMNS} FROM valence_series WHERE id = ?`);
    this.#values = db.prepare<[number], { vals: Buffer }>('SELECT vals FROM valence_series WHERE id = ?');
    this.#insert = db.prepare(
      `INSERT INTO valence_series (movie_id, kind, name, rate, length, vals, probs, model_id, model_version)
       VALUES (@movieId, @kind, @name, @rate, @length, @vals, @probs, @modelId, @modelVersion)`,
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

  rename(id: number, name: string): ValenceSeriesInfo {
    this.#rename.run(name, id);
    return this.info(id);
  }

  insert(s: NewValenceSeries): ValenceSeriesInfo {
    const info = this.#insert.run({
      movieId: s.movieId,
      kind: s.kind,
      name: s.name,
      rate: s.rate,
      length: s.values.length,
      vals: Buffer.from(s.values.buffer, s.values.byteOffset, s.values.byteLength),
      probs: s.probs ? Buffer.from(s.probs.buffer, s.probs.byteOffset, s.probs.byteLength) : null,
      modelId: s.modelId ?? null,
      modelVersion: s.modelVersion ?? null,
    });
    return this.info(Number(info.lastInsertRowid));
  }
}
