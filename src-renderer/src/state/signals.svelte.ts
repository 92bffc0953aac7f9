/** The current movie's waveform peaks and valence curves, each as a min/max pyramid ready to draw. */
import type { ApiTransport } from '../../../src-main/contract/api.js';
import type { ValenceSeriesInfo } from '../../../src-main/contract/domain.js';
import { float32FromBase64, unitFromInt16Base64 } from '../lib/base64.js';
import { buildPyramid, buildSeriesPyramid, type Pyramid } from '../lib/pyramid.js';
import type { Notices } from './notices.svelte.js';

export interface Curve {
  info: ValenceSeriesInfo;
  pyramid: Pyramid;
}

/** Finest waveform asked for: 100 bins/s (10 ms), and never more than ~600k bins for long films. */
const MAX_BINS_PER_SECOND = 100;
const MAX_BINS = 600_000;

export class Signals {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  #movieId: number | null = null;
  #peaks = $state.raw<Pyramid | null>(null);
  #curves = $state.raw<Curve[]>([]);
  #peaksLoaded = $state(false);

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
  }

  get peaks(): Pyramid | null {
    return this.#peaks;
  }
  get curves(): readonly Curve[] {
    return this.#curves;
  }
  /** True once peaks were asked for and answered (or failed): a movie may have none. */
  get peaksLoaded(): boolean {
    return this.#peaksLoaded;
  }

  async open(movieId: number | null, duration: number): Promise<void> {
    this.#movieId = movieId;
    this.#peaks = null;
    this.#curves = [];
    this.#peaksLoaded = false;
    if (movieId === null) return;
    await Promise.all([this.loadPeaks(duration), this.loadValence()]);
  }

  async loadPeaks(duration: number): Promise<void> {
    const movieId = this.#movieId;
    if (movieId === null) return;
    const binsPerSecond = Math.max(1, Math.min(MAX_BINS_PER_SECOND, MAX_BINS / Math.max(duration, 1)));
    try {
      const r = await this.#api.call('peaks.get', { movieId, binsPerSecond });
      if (movieId !== this.#movieId) return;
      // Peaks may start later than 0 when the server sends a window (`from`); pad so index 0 is t = 0.
      const offset = Math.round(r.from * r.binsPerSecond);
      const min = new Float32Array(offset + r.count);
      const max = new Float32Array(offset + r.count);
      min.set(unitFromInt16Base64(r.min).subarray(0, r.count), offset);
      max.set(unitFromInt16Base64(r.max).subarray(0, r.count), offset);
      this.#peaks = buildPyramid(min, max, r.binsPerSecond);
    } catch (err) {
      if (movieId === this.#movieId) this.#notices.report(err, 'Loading the waveform');
    } finally {
      if (movieId === this.#movieId) this.#peaksLoaded = true;
    }
  }

  async loadValence(): Promise<void> {
    const movieId = this.#movieId;
    if (movieId === null) return;
    try {
      const infos = await this.#api.call('valence.list', { movieId });
      const series = await Promise.all(infos.map((i) => this.#api.call('valence.get', { seriesId: i.id })));
      if (movieId !== this.#movieId) return;
      this.#curves = series.map(({ values, ...info }) => ({
        info,
        pyramid: buildSeriesPyramid(float32FromBase64(values), info.rate),
      }));
    } catch (err) {
      if (movieId === this.#movieId) this.#notices.report(err, 'Loading valence curves');
    }
  }
}
