import type { Db } from '../db.js';
import type { PeakLevel } from '../../media/peaks.js';

interface PeaksRow {
  bins_per_second: number;
  count: number;
  min: Buffer;
  max: Buffer;
}

const asInt16 = (b: Buffer) => new Int16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

export class PeaksRepo {
  readonly #insert;
  readonly #atMost;
  readonly #coarsest;

  constructor(db: Db) {
    this.#insert = db.prepare(
      'INSERT OR REPLACE INTO waveform_peaks (movie_id, bins_per_second, count, min, max) VALUES (?, ?, ?, ?, ?)',
    );
    this.#atMost = db.prepare<[number, number], PeaksRow>(
      'SELECT bins_per_second, count, min, max FROM waveform_peaks WHERE movie_id = ? AND bins_per_second <= ? ORDER BY bins_per_second DESC LIMIT 1',
    );
    this.#coarsest = db.prepare<[number], PeaksRow>(
      'SELECT bins_per_second, count, min, max FROM waveform_peaks WHERE movie_id = ? ORDER BY bins_per_second LIMIT 1',
    );
  }

  save(movieId: number, levels: PeakLevel[]): void {
    for (const l of levels) {
      this.#insert.run(movieId, l.binsPerSecond, l.min.length, Buffer.from(l.min.buffer, l.min.byteOffset, l.min.byteLength),
        Buffer.from(l.max.buffer, l.max.byteOffset, l.max.byteLength));
    }
  }

  /** The finest stored level not finer than asked for (or the coarsest if all are finer). */
  level(movieId: number, binsPerSecond: number): PeakLevel | null {
    const r = this.#atMost.get(movieId, binsPerSecond * 1.0001) ?? this.#coarsest.get(movieId);
    if (!r) return null;
    return { binsPerSecond: r.bins_per_second, min: asInt16(r.min), max: asInt16(r.max) };
  }
}
