/**
 * The review queue's state (#13 item 5): whether its panel is open, the segments it lists (of the
 * open film or of every film), the highlighted one, and the verdicts sent from it. A verdict takes
 * its segment off the list at once, so the next one is highlighted before the answer comes back.
 */
import type { EventClass } from '../../../src-main/contract/domain.js';
import type { ReviewQueueResult, ReviewSegment } from '../../../src-main/contract/review.js';
import { keepPlace } from '../components/review/review-keys.js';
import type { AppState } from './app.svelte.js';

/** Seconds heard before and after a segment when it is played. */
const LEAD_S = 0.5;

export class ReviewState {
  open = $state(false);
  /** 'film': the open film's segments; 'project': every film's. */
  scope = $state<'film' | 'project'>('project');
  #list = $state.raw<ReviewSegment[]>([]);
  #index = $state(0);
  #info = $state.raw<Omit<ReviewQueueResult, 'segments'>>({ total: 0, decided: 0, unanalysed: [] });
  #loaded = $state(false);
  /** Where a played segment stops (with its lead-out); null when nothing is being played. */
  #stopAt: { movieId: number; start: number; end: number } | null = null;
  #refreshing: Promise<void> | null = null;
  #again = false;

  readonly current = $derived(this.#list[this.#index] ?? null);

  get segments(): readonly ReviewSegment[] {
    return this.#list;
  }
  get index(): number {
    return this.#index;
  }
  get info(): Omit<ReviewQueueResult, 'segments'> {
    return this.#info;
  }
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Loads the list again; calls while one is under way share one more after it. */
  refresh(app: AppState): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        const movieId = this.scope === 'film' ? app.movies.currentId : null;
        try {
          const { segments, ...info } = await app.api.call('review.queue', movieId === null ? {} : { movieId });
          this.#index = keepPlace(this.current, this.#index, segments);
          this.#list = segments;
          this.#info = info;
          this.#loaded = true;
        } catch (err) {
          app.notices.report(err, 'Loading the review queue');
        }
      } while (this.#again);
      this.#refreshing = null;
    })();
    return this.#refreshing;
  }

  move(by: number): void {
    this.#index = Math.max(0, Math.min(this.#list.length - 1, this.#index + by));
  }

  select(index: number): void {
    this.#index = Math.max(0, Math.min(this.#list.length - 1, index));
  }

  /** Opens the segment's film when another is open, and plays the segment with a little around it. */
  async play(app: AppState): Promise<void> {
    const s = this.current;
    if (!s) return;
    if (app.movies.currentId !== s.movieId) {
      app.movies.select(s.movieId);
      await app.open();
    }
    const from = Math.max(0, s.start - LEAD_S);
    this.#stopAt = { movieId: s.movieId, start: from, end: s.end + LEAD_S };
    app.playback.seek(from);
    app.viewport.follow(from);
    app.playback.play();
  }

  /** Called as the playhead moves: pauses at the end of a played segment, forgets it once the person seeks away. */
  watch(app: AppState): void {
    const stop = this.#stopAt;
    if (!stop || !app.playback.playing) return;
    const t = app.playback.time;
    if (app.movies.currentId !== stop.movieId || t < stop.start - 1) this.#stopAt = null;
    else if (t >= stop.end) {
      this.#stopAt = null;
      app.playback.pause();
    }
  }

  /** A verdict on the highlighted segment; relabelling to its own class accepts it. */
  async decide(app: AppState, verdict: 'accept' | 'reject' | 'relabel', label?: EventClass): Promise<void> {
    const s = this.current;
    if (!s) return;
    const segment = { movieId: s.movieId, label: s.label, start: s.start, end: s.end };
    const params = verdict === 'relabel' && label && label !== s.label ? { segment, verdict, label } : { segment, verdict: verdict === 'relabel' ? ('accept' as const) : verdict };
    this.#list = this.#list.filter((x) => x !== s);
    this.#index = Math.max(0, Math.min(this.#index, this.#list.length - 1));
    try {
      const result = await app.api.call('review.decide', params);
      // The verdict may be on a film that is not open: its movie.changed is not heard, so the undo label comes from here.
      app.events.adoptHistory(result.history);
    } catch (err) {
      app.notices.report(err, `Review of ${s.label} at ${s.start.toFixed(1)} s`);
    }
    await this.refresh(app);
  }
}
