/**
 * The application root: one instance per window. It owns the state holders, keeps them in step with
 * pushes from the core, and opens the movie the picker selects.
 */
import { getContext, setContext } from 'svelte';
import type { Job } from '../../../src-main/contract/jobs.js';
import { createTransport } from '../api/client.js';
import { Dialogs } from './dialogs.svelte.js';
import { EventsState } from './events.svelte.js';
import { Jobs } from './jobs.svelte.js';
import { Movies } from './movies.svelte.js';
import { Notices } from './notices.svelte.js';
import { Playback } from './playback.svelte.js';
import { RatingSession } from './rating.svelte.js';
import { Research } from './research.svelte.js';
import { ReviewState } from './review.svelte.js';
import { CompareState } from './compare.svelte.js';
import { SharesState } from './shares.svelte.js';
import { Signals } from './signals.svelte.js';
import { SpectrogramState } from './spectrogram.svelte.js';
import { ValenceState } from './valence.svelte.js';
import { Viewport } from './viewport.svelte.js';

const jobMovieId = (job: Job): number | null => {
  const r = job.result as { movieId?: unknown } | null;
  return r && typeof r.movieId === 'number' ? r.movieId : null;
};

export class AppState {
  readonly api = createTransport();
  readonly notices = new Notices();
  readonly movies = new Movies(this.api, this.notices);
  readonly jobs = new Jobs(this.api, this.notices);
  readonly events = new EventsState(this.api, this.notices);
  readonly signals = new Signals(this.api, this.notices);
  readonly spectrogram = new SpectrogramState(this.api, this.notices);
  readonly viewport = new Viewport();
  readonly playback = new Playback();
  readonly valence = new ValenceState(this.api, this.notices, (history) => this.events.adoptHistory(history));
  readonly rating = new RatingSession(this.playback, this.valence);
  readonly research = new Research(this.api, this.notices);
  readonly review = new ReviewState();
  readonly compare = new CompareState();
  readonly shares = new SharesState(this.api, this.notices);
  readonly dialogs = new Dialogs();
  /** Imports started from this window: their movie opens when they finish. */
  readonly #ownJobs = new Set<number>();
  readonly #subscriptions: (() => void)[] = [];
  #openedId: number | null = null;
  #loadedId = $state<number | null>(null);

  constructor() {
    this.#subscriptions.push(
      this.api.on('job.updated', (job) => this.#onJob(job)),
      this.api.on('movie.changed', ({ movieId, what }) => {
        if (what === 'movie' || what === 'removed') void this.movies.refresh();
        if (movieId !== this.movies.currentId) return;
        if (what === 'events') this.events.changedElsewhere();
        if (what === 'valence') {
          this.valence.changedElsewhere();
          void this.events.refreshHistory();
        }
        if (what === 'peaks') void this.signals.loadPeaks(this.viewport.duration);
        if (what === 'spectrogram') this.spectrogram.changed(movieId);
      }),
      this.api.on('project.changed', ({ what }) => void this.research.refresh(what)),
      // Every id and list on screen belonged to the old project: start the page afresh rather than patch each holder.
      this.api.on('project.switched', () => location.reload()),
    );
    if (this.api.onReconnect) this.#subscriptions.push(this.api.onReconnect(() => void this.refreshAll()));
  }

  /** The movie whose events, peaks and curves have all arrived (the timeline can draw it fully). */
  get loadedMovieId(): number | null {
    return this.#loadedId;
  }

  async start(): Promise<void> {
    await Promise.all([this.movies.refresh(), this.jobs.refresh(), this.research.refresh()]);
  }

  async refreshAll(): Promise<void> {
    await this.start();
    await Promise.all([this.events.reload(), this.valence.reload()]);
  }

  /** Called by the view whenever the selected movie changes (an $effect on movies.current). */
  async open(): Promise<void> {
    const movie = this.movies.current;
    if ((movie?.id ?? null) === this.#openedId) return;
    this.#openedId = movie?.id ?? null;
    // A pass under way belongs to the film it started on: it is stored (to that film) before the switch.
    if (this.rating.active) void this.rating.stop();
    this.viewport.reset(movie?.duration ?? 0);
    this.playback.reset(movie?.duration ?? 0, movie?.fps ?? movie?.video?.fps ?? null);
    this.#loadedId = null;
    const id = movie?.id ?? null;
    const duration = movie?.duration ?? 0;
    await Promise.all([this.events.open(id), this.signals.open(id, duration), this.valence.open(id, duration)]);
    if (this.#openedId === (movie?.id ?? null)) this.#loadedId = this.#openedId;
  }

  /** Picked or dropped files: imported one after another (browser mode uploads each), one job each. */
  async importFiles(files: Iterable<File>): Promise<void> {
    for (const file of files) this.track(await this.movies.importFile(file));
  }

  track(job: Job | null): void {
    if (!job) return;
    this.#ownJobs.add(job.id);
    this.jobs.apply(job);
    this.#onJob(job);
  }

  async #onJob(job: Job): Promise<void> {
    this.jobs.apply(job);
    if (!this.#ownJobs.has(job.id)) return;
    if (job.state === 'failed') {
      this.#ownJobs.delete(job.id);
      this.notices.report(new Error(job.message || 'the job failed'), `Job ${job.kind}`);
    } else if (job.state === 'done') {
      this.#ownJobs.delete(job.id);
      await this.movies.refresh();
      const id = jobMovieId(job);
      if (id !== null) this.movies.select(id);
      const reportId = (job.result as { reportId?: unknown } | null)?.reportId;
      if (typeof reportId === 'number') await this.research.showReport(reportId);
    } else if (job.state === 'cancelled' || job.state === 'interrupted') {
      this.#ownJobs.delete(job.id);
    }
  }

  dispose(): void {
    for (const unsubscribe of this.#subscriptions) unsubscribe();
  }
}

const KEY = Symbol('app');
export const setAppContext = (app: AppState): AppState => setContext(KEY, app);
export const getAppContext = (): AppState => getContext<AppState>(KEY);
