/**
 * A film's stored spectrogram: log-mel frames (natural-log energies, one per 10 ms) folded to 50
 * columns a second and quantised to one byte per band, plus coarser levels for zoomed-out views, like
 * the waveform peaks. 20 ms columns are finer than a pixel at all but the closest zooms, and halve the
 * size: a 2-hour film is 23 MB at the finest level, about 31 MB in all. Pure: the caller feeds the
 * frames (the detectors' log-mel front end) so there is one mel spectrum in the code base.
 */
export interface SpectrogramLevel {
  columnsPerSecond: number;
  bands: number;
  /** Column-major: column c's bands (lowest first) are bytes c·bands … c·bands + bands − 1. */
  data: Uint8Array;
}

export const FRAMES_PER_SECOND = 100;
export const FINEST_COLUMNS_PER_SECOND = 50;
/** The byte scale: 0 is this level (the front end's −100 dB floor) and 255 is 0 dB (full scale). */
export const FLOOR_DB = -100;
const LEVEL_FACTOR = 4;
const MIN_COLUMNS = 64;
const DB_PER_NEPER = 10 / Math.LN10;

/** dB (power) to the byte scale, clamped. */
export const dbToByte = (db: number): number => Math.round(Math.max(0, Math.min(1, (db - FLOOR_DB) / -FLOOR_DB)) * 255);

export class SpectrogramBuilder {
  readonly #framesPerColumn = FRAMES_PER_SECOND / FINEST_COLUMNS_PER_SECOND;
  readonly #columns: Uint8Array[] = [];
  readonly #current: Float64Array;
  #inColumn = 0;

  constructor(readonly bands: number) {
    this.#current = new Float64Array(bands).fill(-Infinity);
  }

  /** `frames`: row-major [frames × bands] natural-log energies. */
  push(frames: Float32Array): void {
    const { bands } = this;
    for (let f = 0; f + bands <= frames.length; f += bands) {
      // The loudest frame of a column wins, so a click shorter than a column still shows.
      for (let b = 0; b < bands; b++) if (frames[f + b] > this.#current[b]) this.#current[b] = frames[f + b];
      if (++this.#inColumn === this.#framesPerColumn) this.#flush();
    }
  }

  finish(): SpectrogramLevel[] {
    if (this.#inColumn > 0) this.#flush();
    const data = new Uint8Array(this.#columns.length * this.bands);
    this.#columns.forEach((c, i) => data.set(c, i * this.bands));
    const levels: SpectrogramLevel[] = [{ columnsPerSecond: FINEST_COLUMNS_PER_SECOND, bands: this.bands, data }];
    while (columnCount(levels[levels.length - 1]) > MIN_COLUMNS) levels.push(coarsenSpectrogram(levels[levels.length - 1]));
    return levels;
  }

  #flush(): void {
    this.#columns.push(Uint8Array.from(this.#current, (ln) => dbToByte(ln * DB_PER_NEPER)));
    this.#current.fill(-Infinity);
    this.#inColumn = 0;
  }
}

export const columnCount = (level: SpectrogramLevel): number => level.data.length / level.bands;

/** Merges `factor` columns into one, band by band, keeping the loudest. */
export function coarsenSpectrogram(level: SpectrogramLevel, factor = LEVEL_FACTOR): SpectrogramLevel {
  const { bands } = level;
  const n = columnCount(level);
  const out = new Uint8Array(Math.ceil(n / factor) * bands);
  for (let c = 0; c < n; c++) {
    const o = Math.floor(c / factor) * bands;
    for (let b = 0; b < bands; b++) {
      const v = level.data[c * bands + b];
      if (v > out[o + b]) out[o + b] = v;
    }
  }
  return { columnsPerSecond: level.columnsPerSecond / factor, bands, data: out };
}
