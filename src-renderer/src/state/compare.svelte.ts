/**
 * Comparing two model versions (#13 item 2): the versions picked in the registry per role (A first,
 * then B), the comparison on show with its figures, and what the two make of the open film for the
 * timeline's comparison lane, with each side's show/hide toggle. Closing ends all of it.
 */
import type { ModelRole } from '../../../src-main/contract/api.js';
import type { ComparedEvents, ModelComparison } from '../../../src-main/contract/compare.js';
import { float32FromBase64 } from '../lib/base64.js';
import { buildSeriesPyramid, type Pyramid } from '../lib/pyramid.js';
import type { AppState } from './app.svelte.js';

/** One side on the open film: its events (detectors) or its curve (valence). */
export type LaneSide = { version: string; name: string } & ({ events: ComparedEvents['events'] } | { pyramid: Pyramid });

export interface LaneTracks {
  movieId: number;
  role: ModelRole;
  sides: [LaneSide, LaneSide];
}

export class CompareState {
  #picked = $state<Record<ModelRole, string[]>>({ verbal: [], nonverbal: [], valence: [] });
  #result = $state.raw<ModelComparison | null>(null);
  #comparing = $state<ModelRole | null>(null);
  #lane = $state.raw<LaneTracks | null>(null);
  #laneState = $state<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  /** Whether A's and B's events or curves are drawn. */
  shown = $state<[boolean, boolean]>([true, true]);
  /** Answers to older lane requests are dropped: the film or the pair changed since. */
  #request = 0;

  /** The versions of `role` picked for comparison, A first. */
  picked(role: ModelRole): readonly string[] {
    return this.#picked[role];
  }

  /** Picks or unpicks `version`; a third pick replaces the older of the two. */
  pick(role: ModelRole, version: string): void {
    const now = this.#picked[role];
    this.#picked[role] = now.includes(version) ? now.filter((v) => v !== version) : [...now, version].slice(-2);
  }

  get result(): ModelComparison | null {
    return this.#result;
  }
  /** The role being compared right now (the request is under way). */
  get comparing(): ModelRole | null {
    return this.#comparing;
  }
  get lane(): LaneTracks | null {
    return this.#lane;
  }
  get laneLoading(): boolean {
    return this.#laneState.loading;
  }
  get laneError(): string | null {
    return this.#laneState.error;
  }
  /** A and B of the comparison on show. */
  get versions(): [string, string] | null {
    return this.#result && [this.#result.a.version, this.#result.b.version];
  }

  /** Compares the two picked versions of `role`; the figures replace any comparison on show. */
  async start(app: AppState, role: ModelRole): Promise<void> {
    const [a, b] = this.#picked[role];
    if (a === undefined || b === undefined) return;
    this.#comparing = role;
    try {
      this.#result = await app.api.call('models.compare', { a, b });
      this.shown = [true, true];
    } catch (err) {
      app.notices.report(err, `Comparing ${a} with ${b}`);
    } finally {
      this.#comparing = null;
    }
  }

  /** What both make of the open film; the lane says why when it cannot be drawn (no soundtrack, not analysed). */
  async loadLane(app: AppState): Promise<void> {
    const request = ++this.#request;
    const versions = this.versions;
    const movieId = app.movies.currentId;
    this.#lane = null;
    if (!versions || movieId === null) {
      this.#laneState = { loading: false, error: null };
      return;
    }
    this.#laneState = { loading: true, error: null };
    try {
      const answer = await app.api.call('models.compareEvents', { movieId, versions });
      if (request !== this.#request) return;
      const sides = answer.tracks.map((t): LaneSide => ('events' in t ? t : { version: t.version, name: t.name, pyramid: buildSeriesPyramid(float32FromBase64(t.values), t.rate) }));
      this.#lane = { movieId, role: answer.role, sides: [sides[0], sides[1]] };
      this.#laneState = { loading: false, error: null };
    } catch (err) {
      if (request === this.#request) this.#laneState = { loading: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  toggle(side: 0 | 1): void {
    this.shown[side] = !this.shown[side];
  }

  close(): void {
    this.#request++;
    this.#result = null;
    this.#lane = null;
    this.#laneState = { loading: false, error: null };
  }
}
