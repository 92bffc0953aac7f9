/** The current movie's waveform peaks as min/max pyramids ready to draw. */
import type { ApiTransport, PeaksResult } from '../../../src-main/contract/api.js';
import { unitFromInt16Base64 } from '../lib/base64.js';
import { buildPyramid, type Pyramid } from '../lib/pyramid.js';
import type { Notices } from './notices.svelte.js';

/** The finest stored peaks: 100 bins/s (10 ms). */
const FINEST_BINS_PER_SECOND = 100;
/** The whole-film peaks stay under ~200k bins so a long film opens fast; zooming in fetches detail. */
const MAX_BINS = 200_000;

/** Peaks as a pyramid whose index 0 is t = `from`. */
export interface PeaksWindow {
  from: number;
  to: number;
  pyramid: Pyramid;
}

function toWindow(r: PeaksResult): PeaksWindow {
  const min = unitFromInt16Base64(r.min).subarray(0, r.count);
  const max = unitFromInt16Base64(r.max).subarray(0, r.count);
  return { from: r.from, to: r.from + r.count / r.binsPerSecond, pyramid: buildPyramid(min, max, r.binsPerSecond) };
}

export class Signals {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  #movieId: number | null = null;
  #peaks = $state.raw<PeaksWindow | null>(null);
  #detail = $state.raw<PeaksWindow | null>(null);
  #detailLoading = false;
  #peaksLoaded = $state(false);

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
  }

  /** The whole film's peaks. */
  get peaks(): PeaksWindow | null {
    return this.#peaks;
  }
  /** Finer peaks around the zoomed-in view, when the whole-film ones are too coarse for it. */
  get detail(): PeaksWindow | null {
    return this.#detail;
  }
  /** True once peaks were asked for and answered (or failed): a movie may have none. */
  get peaksLoaded(): boolean {
    return this.#peaksLoaded;
  }

  async open(movieId: number | null, duration: number): Promise<void> {
    this.#movieId = movieId;
    this.#peaks = null;
    this.#detail = null;
    this.#peaksLoaded = false;
    if (movieId === null) return;
    await this.loadPeaks(duration);
  }

  async loadPeaks(duration: number): Promise<void> {
    const movieId = this.#movieId;
    if (movieId === null) return;
    const binsPerSecond = Math.max(1, Math.min(FINEST_BINS_PER_SECOND, MAX_BINS / Math.max(duration, 1)));
    try {
      const r = await this.#api.call('peaks.get', { movieId, binsPerSecond });
      if (movieId !== this.#movieId) return;
      this.#peaks = toWindow(r);
      this.#detail = null;
    } catch (err) {
      if (movieId === this.#movieId) this.#notices.report(err, 'Loading the waveform');
    } finally {
      if (movieId === this.#movieId) this.#peaksLoaded = true;
    }
  }

  /**
   * Zoomed in past the whole-film resolution: fetch the finest peaks for the view and a view's width
   * either side, so panning nearby needs no new request. One request at a time; the view asks again.
   */
  requestDetail(start: number, end: number, pxPerSec: number): void {
    const movieId = this.#movieId;
    const coarse = this.#peaks?.pyramid[0].rate ?? Infinity;
    if (movieId === null || pxPerSec <= coarse || coarse >= FINEST_BINS_PER_SECOND || this.#detailLoading) return;
    const d = this.#detail;
    if (d && d.from <= start && d.to >= end) return;
    const span = end - start;
    this.#detailLoading = true;
    this.#api
      .call('peaks.get', { movieId, binsPerSecond: FINEST_BINS_PER_SECOND, from: Math.max(0, start - span), to: end + span })
      .then((r) => {
        if (movieId === this.#movieId) this.#detail = toWindow(r);
      })
      .catch((err) => this.#notices.report(err, 'Loading waveform detail'))
      .finally(() => (this.#detailLoading = false));
  }

}
