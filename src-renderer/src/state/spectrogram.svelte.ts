/**
 * The spectrogram lane's data: fetched only while the lane is shown, as a whole-film overview and,
 * zoomed in past it, a finer window around the view (as the waveform peaks are).
 */
import type { ApiTransport, SpectrogramResult } from '../../../src-main/contract/api.js';
import type { Job } from '../../../src-main/contract/jobs.js';
import { bytesFromBase64 } from '../lib/base64.js';
import { windowEnd, type SpectrogramWindow } from '../lib/spectrogram.js';
import type { Notices } from './notices.svelte.js';

/** The finest stored level (20 ms columns). */
const FINEST_COLUMNS_PER_SECOND = 50;
/** The overview stays under ~20k columns (1.3 MB) so a long film's lane opens fast. */
const MAX_OVERVIEW_COLUMNS = 20_000;

const toWindow = (r: SpectrogramResult): SpectrogramWindow => ({ ...r, data: bytesFromBase64(r.data) });

export class SpectrogramState {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  #shown = $state(false);
  #movieId: number | null = null;
  #duration = 0;
  /** Null with `loaded` true: the film has no spectrogram yet. */
  #overview = $state.raw<SpectrogramWindow | null>(null);
  #detail = $state.raw<SpectrogramWindow | null>(null);
  #loaded = $state(false);
  #detailLoading = false;

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
  }

  get shown(): boolean {
    return this.#shown;
  }
  get overview(): SpectrogramWindow | null {
    return this.#overview;
  }
  get detail(): SpectrogramWindow | null {
    return this.#detail;
  }
  get loaded(): boolean {
    return this.#loaded;
  }

  toggle(): void {
    this.#shown = !this.#shown;
  }

  /** The lane shows `movieId`: loads its overview unless it already has it. */
  show(movieId: number, duration: number): void {
    if (movieId === this.#movieId) return;
    this.#movieId = movieId;
    this.#duration = duration;
    void this.reload();
  }

  async reload(): Promise<void> {
    const movieId = this.#movieId;
    if (movieId === null) return;
    this.#overview = null;
    this.#detail = null;
    this.#loaded = false;
    const columnsPerSecond = Math.min(FINEST_COLUMNS_PER_SECOND, MAX_OVERVIEW_COLUMNS / Math.max(this.#duration, 1));
    try {
      const r = await this.#api.call('spectrogram.get', { movieId, columnsPerSecond });
      if (movieId === this.#movieId) this.#overview = r && toWindow(r);
    } catch (err) {
      if (movieId === this.#movieId) this.#notices.report(err, 'Loading the spectrogram');
    } finally {
      if (movieId === this.#movieId) this.#loaded = true;
    }
  }

  /** A pushed change: reloads if it is the film on show. */
  changed(movieId: number): void {
    if (movieId === this.#movieId) void this.reload();
  }

  /** Finer columns for the view and a view's width either side; one request at a time, the view asks again. */
  requestDetail(start: number, end: number, pxPerSec: number): void {
    const movieId = this.#movieId;
    const coarse = this.#overview?.columnsPerSecond ?? Infinity;
    if (movieId === null || pxPerSec <= coarse || coarse >= FINEST_COLUMNS_PER_SECOND || this.#detailLoading) return;
    const wanted = Math.min(FINEST_COLUMNS_PER_SECOND, pxPerSec);
    const d = this.#detail;
    // Stored levels are 4× apart: the server answers with the finest not finer than asked, so within 4× is as good as it gets.
    if (d && d.from <= start && windowEnd(d) >= Math.min(end, this.#duration) - 0.05 && d.columnsPerSecond * 4 > wanted) return;
    const span = end - start;
    this.#detailLoading = true;
    this.#api
      .call('spectrogram.get', { movieId, columnsPerSecond: wanted, from: Math.max(0, start - span), to: end + span })
      .then((r) => {
        if (movieId === this.#movieId) this.#detail = r && toWindow(r);
      })
      .catch((err) => this.#notices.report(err, 'Loading spectrogram detail'))
      .finally(() => (this.#detailLoading = false));
  }

  /** Starts computing the film's spectrogram; the lane reloads when the job's change is pushed. */
  async compute(): Promise<Job | null> {
    const movieId = this.#movieId;
    if (movieId === null) return null;
    try {
      return await this.#api.call('spectrogram.compute', { movieId });
    } catch (err) {
      this.#notices.report(err, 'Computing the spectrogram');
      return null;
    }
  }
}
