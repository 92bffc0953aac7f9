import type { Movie } from '../../contract/domain.js';
import { notFound } from '../../contract/errors.js';
import type { Db } from '../db.js';

interface MovieRow {
  id: number;
  path: string;
  title: string;
  content_hash: string;
  size_bytes: number;
  duration: number;
  fps: number | null;
  audio_json: string | null;
  video_json: string | null;
  imported_at: string;
}

const toMovie = (r: MovieRow): Movie => ({
  id: r.id,
  path: r.path,
  title: r.title,
  contentHash: r.content_hash,
  sizeBytes: r.size_bytes,
  duration: r.duration,
  fps: r.fps,
  audio: r.audio_json ? JSON.parse(r.audio_json) : null,
  video: r.video_json ? JSON.parse(r.video_json) : null,
  importedAt: r.imported_at,
});

export type NewMovie = Omit<Movie, 'id' | 'importedAt'>;

export class MoviesRepo {
  readonly #all;
  readonly #byId;
  readonly #byHash;
  readonly #insert;
  readonly #remove;

  constructor(db: Db) {
    this.#all = db.prepare<[], MovieRow>('SELECT * FROM movies ORDER BY id');
    this.#byId = db.prepare<[number], MovieRow>('SELECT * FROM movies WHERE id = ?');
    this.#byHash = db.prepare<[string], MovieRow>('SELECT * FROM movies WHERE content_hash = ?');
    this.#insert = db.prepare(
      `INSERT INTO movies (path, title, content_hash, size_bytes, duration, fps, audio_json, video_json)
       VALUES (@path, @title, @contentHash, @sizeBytes, @duration, @fps, @audio, @video)`,
    );
    this.#remove = db.prepare<[number]>('DELETE FROM movies WHERE id = ?');
  }

  list(): Movie[] {
    return this.#all.all().map(toMovie);
  }

  get(id: number): Movie {
    const row = this.#byId.get(id);
    if (!row) throw notFound(`no movie ${id} in this project`);
    return toMovie(row);
  }

  findByHash(hash: string): Movie | null {
    const row = this.#byHash.get(hash);
    return row ? toMovie(row) : null;
  }

  insert(m: NewMovie): Movie {
    const info = this.#insert.run({
      ...m,
      audio: m.audio ? JSON.stringify(m.audio) : null,
      video: m.video ? JSON.stringify(m.video) : null,
    });
    return this.get(Number(info.lastInsertRowid));
  }

  remove(id: number): void {
    if (this.#remove.run(id).changes === 0) throw notFound(`no movie ${id} in this project`);
  }
}
