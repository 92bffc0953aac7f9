/**
 * Receives a stage's rows in order and appends them to a descriptor set in chunks of about 10 s of
 * film, one transaction each, so an interrupted analysis keeps every complete chunk and resumes
 * after it.
 */
import type { DescriptorDtype, DescriptorSetInfo, DescriptorsRepo } from '../store/repos/descriptors.js';

/** Film time per stored chunk: what an interrupted analysis may have to redo. */
const SINK_CHUNK_SECONDS = 10;

export class DescriptorSink {
  readonly #repo: DescriptorsRepo;
  readonly #set: DescriptorSetInfo;
  readonly #dtype: DescriptorDtype;
  readonly #chunkFrames: number;
  readonly #buffer: Float32Array;
  #buffered = 0;
  /** Absolute index of the next frame the set expects. */
  #next: number;
  #last: Float32Array | null = null;

  constructor(repo: DescriptorsRepo, set: DescriptorSetInfo, dtype: DescriptorDtype = 'float32') {
    this.#repo = repo;
    this.#set = set;
    this.#dtype = dtype;
    this.#chunkFrames = Math.max(1, Math.round(SINK_CHUNK_SECONDS * set.rate));
    this.#buffer = new Float32Array(this.#chunkFrames * set.dims);
    this.#next = set.frames;
  }

  /** Frames already stored (a resumed stage may recompute them as warm-up; they are dropped). */
  get storedFrames(): number {
    return this.#set.frames;
  }

  write(frame: number, row: Float32Array): void {
    if (frame < this.#next) return;
    if (frame > this.#next) throw new Error(`descriptor frames must arrive in order: got ${frame}, expected ${this.#next}`);
    this.#buffer.set(row, this.#buffered * this.#set.dims);
    this.#last = row.slice();
    this.#next++;
    if (++this.#buffered === this.#chunkFrames) this.#flush();
  }

  /**
   * Holds the last row up to `totalFrames` (windowed descriptors end a few frames before the film
   * does), stores the rest and marks the set complete.
   */
  finish(totalFrames: number): void {
    if (!this.#last && this.#next === 0) throw new Error('no descriptor frames were produced');
    const last = this.#last ?? this.#repo.read(this.#set.id, this.#next - 1, this.#next);
    while (this.#next < totalFrames) this.write(this.#next, last);
    this.#flush();
    this.#repo.markComplete(this.#set.id);
  }

  #flush(): void {
    if (this.#buffered === 0) return;
    this.#repo.append(this.#set.id, this.#buffer.slice(0, this.#buffered * this.#set.dims), this.#dtype);
    this.#buffered = 0;
  }
}
