/**
 * Frame-wise descriptor sets (audio, visual, motion, sound semantics), stored in chunks as they are
 * computed. A set remembers the settings it was computed with, so a job can resume after its last
 * complete chunk, and a change of settings starts the set afresh.
 */
import type { DescriptorSetSpec } from '../../contract/descriptor-set.js';
import { badRequest, notFound } from '../../contract/errors.js';
import type { Db } from '../db.js';
import { decodeHalf, encodeHalf } from '../../util/float16.js';

export type DescriptorDtype = 'float32' | 'float16';

export interface DescriptorSetInfo {
  id: number;
  movieId: number;
  kind: string;
  settingsHash: string;
  rate: number;
  dims: number;
  names: string[] | null;
  frames: number;
  complete: boolean;
  createdAt: string;
}

interface SetRow {
  id: number;
  movie_id: number;
  kind: string;
  settings_hash: string;
  rate: number;
  dims: number;
  names: string | null;
  frames: number;
  complete: number;
  created_at: string;
}

const toInfo = (r: SetRow): DescriptorSetInfo => ({
  id: r.id,
  movieId: r.movie_id,
  kind: r.kind,
  settingsHash: r.settings_hash,
  rate: r.rate,
  dims: r.dims,
  names: r.names ? JSON.parse(r.names) : null,
  frames: r.frames,
  complete: r.complete === 1,
  createdAt: r.created_at,
});

export class DescriptorsRepo {
  readonly #db: Db;
  readonly #find;
  readonly #byId;
  readonly #insert;
  readonly #remove;
  readonly #insertChunk;
  readonly #nextChunk;
  readonly #setFrames;
  readonly #complete;
  readonly #chunks;
  readonly #list;

  constructor(db: Db) {
    this.#db = db;
    this.#find = db.prepare<[number, string], SetRow>('SELECT * FROM descriptor_sets WHERE movie_id = ? AND kind = ?');
    this.#byId = db.prepare<[number], SetRow>('SELECT * FROM descriptor_sets WHERE id = ?');
    this.#list = db.prepare<[number], SetRow>('SELECT * FROM descriptor_sets WHERE movie_id = ? ORDER BY kind');
    this.#insert = db.prepare(
      'INSERT INTO descriptor_sets (movie_id, kind, settings_hash, rate, dims, names) VALUES (@movieId, @kind, @settingsHash, @rate, @dims, @names)',
    );
    this.#remove = db.prepare<[number]>('DELETE FROM descriptor_sets WHERE id = ?');
    this.#insertChunk = db.prepare(
      'INSERT INTO descriptor_chunks (set_id, chunk_index, start_frame, frame_count, dtype, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#nextChunk = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM descriptor_chunks WHERE set_id = ?');
    this.#setFrames = db.prepare<[number, number]>('UPDATE descriptor_sets SET frames = ? WHERE id = ?');
    this.#complete = db.prepare<[number]>('UPDATE descriptor_sets SET complete = 1 WHERE id = ?');
    // Only the chunks overlapping [from, to): a film read in slices must not fetch every chunk's blob per slice.
    this.#chunks = db.prepare<[number, number, number], { start_frame: number; frame_count: number; dtype: DescriptorDtype; data: Buffer }>(
      'SELECT start_frame, frame_count, dtype, data FROM descriptor_chunks WHERE set_id = ? AND start_frame < ? AND start_frame + frame_count > ? ORDER BY chunk_index',
    );
  }

  list(movieId: number): DescriptorSetInfo[] {
    return this.#list.all(movieId).map(toInfo);
  }

  find(movieId: number, kind: string): DescriptorSetInfo | null {
    const row = this.#find.get(movieId, kind);
    return row ? toInfo(row) : null;
  }

  get(id: number): DescriptorSetInfo {
    const row = this.#byId.get(id);
    if (!row) throw notFound(`no descriptor set ${id}`);
    return toInfo(row);
  }

  /**
   * The set to write into: the existing one when its settings match (complete, or to resume from its
   * `frames`), else a fresh one replacing any set of that kind computed with other settings.
   */
  open(spec: DescriptorSetSpec): DescriptorSetInfo {
    return this.#db.transaction(() => {
      const existing = this.find(spec.movieId, spec.kind);
      if (existing && existing.settingsHash === spec.settingsHash && existing.dims === spec.dims && existing.rate === spec.rate) return existing;
      if (existing) this.#remove.run(existing.id);
      const id = Number(this.#insert.run({ ...spec, names: spec.names ? JSON.stringify(spec.names) : null }).lastInsertRowid);
      return this.get(id);
    }).immediate();
  }

  /** Appends frames (row-major, frames × dims) right after the last stored frame, in one transaction. */
  append(setId: number, data: Float32Array, dtype: DescriptorDtype = 'float32'): DescriptorSetInfo {
    return this.#db.transaction(() => {
      const set = this.get(setId);
      if (set.complete) throw badRequest(`descriptor set ${setId} is complete; open a new one to recompute`);
      if (data.length % set.dims !== 0) throw badRequest(`chunk of ${data.length} values is not a whole number of ${set.dims}-d frames`);
      const frames = data.length / set.dims;
      const payload = dtype === 'float16' ? encodeHalf(data) : data;
      const index = this.#nextChunk.get(setId)!.n;
      this.#insertChunk.run(setId, index, set.frames, frames, dtype, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
      this.#setFrames.run(set.frames + frames, setId);
      return this.get(setId);
    }).immediate();
  }

  markComplete(setId: number): void {
    this.#complete.run(setId);
  }

  /** Frames [from, to) as one float32 array (frames × dims). */
  read(setId: number, from = 0, to = Infinity): Float32Array {
    const set = this.get(setId);
    const end = Math.min(to, set.frames);
    const out = new Float32Array(Math.max(0, end - from) * set.dims);
    for (const c of this.#chunks.iterate(setId, end, from)) {
      const a = Math.max(from, c.start_frame);
      const b = Math.min(end, c.start_frame + c.frame_count);
      if (a >= b) continue;
      const bytes = c.data.buffer.slice(c.data.byteOffset, c.data.byteOffset + c.data.byteLength);
      const values = c.dtype === 'float16' ? decodeHalf(new Uint16Array(bytes)) : new Float32Array(bytes);
      out.set(values.subarray((a - c.start_frame) * set.dims, (b - c.start_frame) * set.dims), (a - from) * set.dims);
    }
    return out;
  }
}
