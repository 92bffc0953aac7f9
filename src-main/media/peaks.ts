/**
 * Multi-resolution waveform peaks built while the soundtrack streams past, so the renderer never
 * decodes audio. The finest level has one min/max pair per 10 ms; each coarser level merges 4 bins.
 */
export interface PeakLevel {
  binsPerSecond: number;
  min: Int16Array;
  max: Int16Array;
}

export const FINEST_BINS_PER_SECOND = 100;
const LEVEL_FACTOR = 4;
const MIN_BINS = 64;

const toInt16 = (x: number) => Math.round(Math.max(-1, Math.min(1, x)) * 32767);

export class PeaksBuilder {
  readonly #samplesPerBin: number;
  #min: number[] = [];
  #max: number[] = [];
  #curMin = Infinity;
  #curMax = -Infinity;
  #inBin = 0;

  constructor(readonly sampleRate: number) {
    this.#samplesPerBin = sampleRate / FINEST_BINS_PER_SECOND;
    if (!Number.isInteger(this.#samplesPerBin)) throw new Error(`sample rate ${sampleRate} is not a multiple of ${FINEST_BINS_PER_SECOND}`);
  }

  push(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i];
      if (s < this.#curMin) this.#curMin = s;
      if (s > this.#curMax) this.#curMax = s;
      if (++this.#inBin === this.#samplesPerBin) this.#flush();
    }
  }

  finish(): PeakLevel[] {
    if (this.#inBin > 0) this.#flush();
    const levels: PeakLevel[] = [
      { binsPerSecond: FINEST_BINS_PER_SECOND, min: Int16Array.from(this.#min), max: Int16Array.from(this.#max) },
    ];
    while (levels[levels.length - 1].min.length > MIN_BINS) levels.push(coarsen(levels[levels.length - 1]));
    return levels;
  }

  #flush(): void {
    this.#min.push(toInt16(this.#curMin));
    this.#max.push(toInt16(this.#curMax));
    this.#curMin = Infinity;
    this.#curMax = -Infinity;
    this.#inBin = 0;
  }
}

export function coarsen(level: PeakLevel, factor = LEVEL_FACTOR): PeakLevel {
  const n = Math.ceil(level.min.length / factor);
  const min = new Int16Array(n);
  const max = new Int16Array(n);
  for (let b = 0; b < n; b++) {
    let lo = 32767;
    let hi = -32767;
    for (let i = b * factor; i < Math.min(level.min.length, (b + 1) * factor); i++) {
      if (level.min[i] < lo) lo = level.min[i];
      if (level.max[i] > hi) hi = level.max[i];
    }
    min[b] = lo;
    max[b] = hi;
  }
  return { binsPerSecond: level.binsPerSecond / factor, min, max };
}
