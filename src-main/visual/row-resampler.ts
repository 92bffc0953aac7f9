/**
 * Puts embeddings computed at the visual rate (sample k at k / rate seconds after the first) onto
 * the 25 Hz row grid (row j at j · 40 ms), so every modality has one row per film frame. A row
 * between two samples holds the earlier one, or interpolates linearly; rows after the last sample
 * hold it until that sample's own span (1 / rate) ends.
 */

export type Interpolation = 'hold' | 'linear';

export interface RowResamplerOptions {
  dims: number;
  /** Samples per second. */
  sampleRate: number;
  /** Rows per second. */
  rowRate: number;
  interpolation: Interpolation;
  /** Row index at the time of sample 0. */
  startRow: number;
  onRows(first: number, rows: Float32Array, count: number): void;
}

export class RowResampler {
  readonly #o: RowResamplerOptions;
  /** The last two samples seen (indices samples − 2 and samples − 1). */
  #before: Float32Array | null = null;
  #latest: Float32Array | null = null;
  #samples = 0;
  /** Next row to emit, relative to startRow. */
  #row = 0;

  constructor(options: RowResamplerOptions) {
    this.#o = options;
  }

  /** Sample position of a row, split into the sample at or before it and the fraction past it. */
  #position(row: number): { k: number; frac: number } {
    const p = (row * this.#o.sampleRate) / this.#o.rowRate;
    // The epsilon keeps rows that fall exactly on a sample (e.g. every 25th at 1/s) on it despite rounding.
    const k = Math.floor(p + 1e-9);
    return { k, frac: Math.max(0, p - k) };
  }

  /** `count` samples of `dims` values, in order. */
  add(samples: Float32Array, count: number): void {
    const { dims } = this.#o;
    const first = this.#o.startRow + this.#row;
    let made = 0;
    const rows: Float32Array[] = [];
    for (let s = 0; s < count; s++) {
      this.#before = this.#latest;
      this.#latest = samples.slice(s * dims, (s + 1) * dims);
      const newest = this.#samples++;
      for (;;) {
        const { k, frac } = this.#position(this.#row);
        const ready = this.#o.interpolation === 'hold' || frac === 0 ? k <= newest : k + 1 <= newest;
        if (!ready) break;
        rows.push(this.#rowAt(k, frac, newest));
        this.#row++;
        made++;
      }
    }
    if (made > 0) this.#o.onRows(first, concat(rows, dims), made);
  }

  /** Emits the rows the last sample still covers; returns the number of rows in all. */
  finish(): number {
    if (!this.#latest) return 0;
    const first = this.#o.startRow + this.#row;
    const rows: Float32Array[] = [];
    while (this.#position(this.#row).k < this.#samples) {
      rows.push(this.#latest.slice());
      this.#row++;
    }
    if (rows.length > 0) this.#o.onRows(first, concat(rows, this.#o.dims), rows.length);
    return this.#row;
  }

  #rowAt(k: number, frac: number, newest: number): Float32Array {
    // Only samples newest − 1 and newest are kept; rows needing older ones were emitted before.
    const at = (i: number) => (i === newest ? this.#latest! : this.#before!);
    if (this.#o.interpolation === 'hold' || frac === 0) return at(k).slice();
    const a = at(k);
    const b = at(k + 1);
    const row = new Float32Array(a.length);
    for (let d = 0; d < a.length; d++) row[d] = a[d] + frac * (b[d] - a[d]);
    return row;
  }
}

function concat(rows: Float32Array[], dims: number): Float32Array {
  const out = new Float32Array(rows.length * dims);
  rows.forEach((r, i) => out.set(r, i * dims));
  return out;
}
