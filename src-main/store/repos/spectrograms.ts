import type { Db } from '../db.js';
import type { SpectrogramLevel } from '../../media/spectrogram.js';

interface SpectrogramRow {
  columns_per_second: number;
  bands: number;
  data: Buffer;
}

const COLUMNS = 'SELECT columns_per_second, bands, data FROM spectrograms WHERE movie_id = ?';

export class SpectrogramsRepo {
  readonly #insert;
  readonly #clear;
  readonly #atMost;
  readonly #coarsest;

  constructor(readonly db: Db) {
    this.#insert = db.prepare('INSERT INTO spectrograms (movie_id, columns_per_second, bands, count, data) VALUES (?, ?, ?, ?, ?)');
    this.#clear = db.prepare('DELETE FROM spectrograms WHERE movie_id = ?');
    this.#atMost = db.prepare<[number, number], SpectrogramRow>(
      `${COLUMNS} AND columns_per_second <= ? ORDER BY columns_per_second DESC LIMIT 1`,
    );
    this.#coarsest = db.prepare<[number], SpectrogramRow>(`${COLUMNS} ORDER BY columns_per_second LIMIT 1`);
  }

  /** Replaces the film's levels as a whole, so a recomputation never leaves a mix of old and new. */
  save(movieId: number, levels: SpectrogramLevel[]): void {
    this.db.transaction(() => {
      this.#clear.run(movieId);
      for (const l of levels) {
        this.#insert.run(movieId, l.columnsPerSecond, l.bands, l.data.length / l.bands, Buffer.from(l.data.buffer, l.data.byteOffset, l.data.byteLength));
      }
    })();
  }

  /** The finest stored level not finer than asked for (or the coarsest if all are finer). */
  level(movieId: number, columnsPerSecond: number): SpectrogramLevel | null {
    const r = this.#atMost.get(movieId, columnsPerSecond * 1.0001) ?? this.#coarsest.get(movieId);
    if (!r) return null;
    return { columnsPerSecond: r.columns_per_second, bands: r.bands, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) };
  }
}
