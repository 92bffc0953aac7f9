/**
 * A sliding window over an unbounded sample stream: append at the end, read by absolute sample index,
 * drop what no analysis needs any more. Dropping only moves a pointer; the space is reclaimed when an
 * append would otherwise grow the array, so memory stays near the span still needed.
 */
export class SampleBuffer {
  private data: Float32Array;
  /** Absolute index of data[0]. */
  private base = 0;
  /** data[head..tail) holds the retained samples. */
  private head = 0;
  private tail = 0;

  constructor(initialCapacity = 1 << 16) {
    this.data = new Float32Array(initialCapacity);
  }

  /** Absolute index one past the newest sample. */
  get end(): number {
    return this.base + this.tail;
  }

  /** Backing array: absolute sample i is array[i - arrayBase]. Valid until the next append. */
  get array(): Float32Array {
    return this.data;
  }

  get arrayBase(): number {
    return this.base;
  }

  /** Appends `chunk` times `gain` (stored, and so rounded, as float32). */
  append(chunk: ArrayLike<number>, gain = 1): void {
    this.reserve(chunk.length);
    const d = this.data;
    let at = this.tail;
    for (let i = 0; i < chunk.length; i++) d[at++] = chunk[i] * gain;
    this.tail = at;
  }

  /** Forgets samples before absolute index `index`. */
  discardBefore(index: number): void {
    this.head = Math.min(this.tail, Math.max(this.head, index - this.base));
  }

  private reserve(extra: number): void {
    if (this.tail + extra <= this.data.length) return;
    const live = this.tail - this.head;
    if (live + extra <= this.data.length / 2) {
      this.data.copyWithin(0, this.head, this.tail);
    } else {
      const grown = new Float32Array(Math.max(this.data.length * 2, 2 * (live + extra)));
      grown.set(this.data.subarray(this.head, this.tail));
      this.data = grown;
    }
    this.base += this.head;
    this.head = 0;
    this.tail = live;
  }
}
