/**
 * The current film's valence traces (raters, their mean, predictions), which are shown, which rater is
 * being edited, the selected time range, and the edits on raters' traces. Each edit is one API call,
 * so one undoable step; calls run one after another so a reload never overtakes an edit sent before it.
 */
import type { ApiParams, ApiTransport, RaterAgreement } from '../../../src-main/contract/api.js';
import { TRACE_FORMATS, VALENCE_RATE_HZ, type HistoryState, type TraceFormat } from '../../../src-main/contract/domain.js';
import { float32FromBase64 } from '../lib/base64.js';
import { assignColors, RATER_PALETTE } from '../lib/palette.js';
import { framesOf, passFrames } from '../lib/rating-sampler.js';
import { traceEntries, type LoadedSeries, type TraceEntry } from '../lib/trace-list.js';
import type { Notices } from './notices.svelte.js';

export type TraceEdit = ApiParams<'valence.editTrace'>['edit'];
export const TRACE_IMPORT_FORMATS = ['auto', ...TRACE_FORMATS] as const;
export type TraceImportFormat = (typeof TRACE_IMPORT_FORMATS)[number];
type TraceChange = Promise<{ history: HistoryState }>;

/** A stretch of film time, seconds, start < end. */
export interface TimeRange {
  start: number;
  end: number;
}

export class ValenceState {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  readonly #onHistory: (history: HistoryState) => void;
  #movieId: number | null = null;
  #duration = $state(0);
  #series = $state.raw<LoadedSeries[]>([]);
  #agreement = $state.raw<RaterAgreement | null>(null);
  #hidden = $state.raw<ReadonlySet<string>>(new Set());
  #chain: Promise<unknown> = Promise.resolve();
  #reloadQueued = false;
  #editsInFlight = 0;

  /** The rater whose trace the edit tools and rating passes write: an existing rater or a new name. */
  rater = $state('');
  /** What a drag on the valence lane does: select a time range, or draw the rater's curve. */
  tool = $state<'select' | 'draw'>('select');
  range = $state.raw<TimeRange | null>(null);
  /** Film time under the pointer on the valence lane, for the readout. */
  hoverTime = $state<number | null>(null);
  /** Guidance for the person (why an edit was refused before it was sent, what an import did); errors go to the notices. */
  message = $state<string | null>(null);

  readonly entries: TraceEntry[] = $derived(traceEntries(this.#series));
  readonly visible: TraceEntry[] = $derived(this.entries.filter((e) => !this.#hidden.has(e.key)));
  readonly raters: string[] = $derived(this.entries.flatMap((e) => (e.rater ? [e.rater] : [])));

  /** `onHistory`: each edit answers the project's undo state, which the undo buttons show. */
  constructor(api: ApiTransport, notices: Notices, onHistory: (history: HistoryState) => void) {
    this.#api = api;
    this.#notices = notices;
    this.#onHistory = onHistory;
  }

  /** Frames of the open film at 25 Hz. */
  get frames(): number {
    return framesOf(this.#duration);
  }
  /** How well the film's raters agree; null with fewer than two raters. */
  get agreement(): RaterAgreement | null {
    return this.#agreement;
  }

  /** The colour `rater`'s curve has, or will have once their first pass or stroke is stored. */
  colorOf(rater: string): string {
    return assignColors([...this.raters, rater], RATER_PALETTE).get(rater)!;
  }

  isShown(key: string): boolean {
    return !this.#hidden.has(key);
  }

  toggle(key: string): void {
    const next = new Set(this.#hidden);
    if (!next.delete(key)) next.add(key);
    this.#hidden = next;
  }

  /** Makes `entry` the edit target; the mean and predictions cannot be edited, and saying so is the answer. */
  target(entry: TraceEntry): void {
    if (entry.rater) {
      this.rater = entry.rater;
      this.message = null;
    } else {
      this.message = `${entry.kind === 'mean' ? 'The mean of raters' : 'Predicted curves'} cannot be edited: pick a rater's trace, or type a new rater name.`;
    }
  }

  open(movieId: number | null, duration: number): Promise<void> {
    this.#movieId = movieId;
    this.#duration = duration;
    this.#series = [];
    this.#agreement = null;
    this.range = null;
    this.hoverTime = null;
    this.message = null;
    return this.reload();
  }

  /** Fetches every trace of the film again; calls that arrive while one is already waiting share it. */
  reload(): Promise<void> {
    if (this.#reloadQueued) return this.#chain.then(() => undefined);
    this.#reloadQueued = true;
    return this.#queue(async () => {
      this.#reloadQueued = false;
      const movieId = this.#movieId;
      if (movieId === null) return;
      try {
        const infos = await this.#api.call('valence.list', { movieId });
        const series = await Promise.all(infos.map((i) => this.#api.call('valence.get', { seriesId: i.id })));
        // Agreement is over every rater of the film, so it changes with any of their traces.
        const agreement =
          infos.filter((i) => i.kind === 'annotation').length >= 2
            ? await this.#api.call('valence.agreement', { movieId }).catch((err) => {
                this.#notices.report(err, 'Computing the raters’ agreement');
                return null;
              })
            : null;
        if (movieId !== this.#movieId) return;
        this.#series = series.map(({ values, ...info }) => ({ info, values: float32FromBase64(values) }));
        this.#agreement = agreement;
        if (!this.rater && this.raters.length) this.rater = this.raters[0];
      } catch (err) {
        if (movieId === this.#movieId) this.#notices.report(err, 'Loading valence curves');
      }
    });
  }

  /** A 'movie.changed' push: an edit from here reloads after its own answer, so only others' need one. */
  changedElsewhere(): void {
    if (this.#editsInFlight === 0) void this.reload();
  }

  /** The rater to write, or null (with a message) when none is named. */
  editableRater(): string | null {
    const rater = this.rater.trim();
    if (!rater) this.message = 'Type a rater name first: every annotation trace belongs to a rater.';
    return rater || null;
  }

  /** One undoable change to `rater`'s trace from frame `start`; resolves true when it was stored. */
  editTrace(rater: string, start: number, edit: TraceEdit, what: string): Promise<boolean> {
    const movieId = this.#movieId;
    if (movieId === null) return Promise.resolve(false);
    return this.#change(what, () => this.#api.call('valence.editTrace', { movieId, rater, start, edit }));
  }

  /** The selected range as frames [start, end) of the film, or null (with a message) when none is selected. */
  rangeFrames(): { start: number; end: number } | null {
    const frames = this.range ? passFrames(this.range, 0, this.frames) : null;
    if (!frames) this.message = 'Select a time range first: drag across the valence lane with the Select tool.';
    return frames;
  }

  /** Rating files as raters' traces, one undoable step; `rater` names the trace of a single file (else the file's name does). */
  importTraces(rater: string | null, format: TraceImportFormat, files: { name: string; text: string }[]): Promise<boolean> {
    const movieId = this.#movieId;
    if (movieId === null) return Promise.resolve(false);
    const what = `Importing ${files.map((f) => f.name).join(', ')}`;
    return this.#change(what, async () => {
      const result = await this.#api.call('valence.importTraces', { movieId, format, files, ...(rater ? { rater } : {}) });
      const first = result.imported[0];
      if (first) this.rater = first.rater;
      this.message = result.imported
        .map((t) => `${t.replaced ? 'Replaced' : 'Imported'} ${t.rater} from ${t.file}: ${(t.rated / VALENCE_RATE_HZ).toFixed(1)} s rated${t.cut ? ', ratings past the film’s end dropped' : ''}.`)
        .join(' ');
      return result;
    });
  }

  /** One rater's trace, or the raters' mean (`rater` null), as a rating tool's files; null when it failed (reported). */
  async exportTrace(rater: string | null, format: TraceFormat, name: string): Promise<{ name: string; text: string }[] | null> {
    const movieId = this.#movieId;
    if (movieId === null) return null;
    try {
      return (await this.#api.call('valence.exportTrace', { movieId, format, name, ...(rater ? { rater } : {}) })).files;
    } catch (err) {
      this.#notices.report(err, `Exporting ${rater ?? 'the mean of raters'}`);
      return null;
    }
  }

  deleteTrace(rater: string): Promise<boolean> {
    const movieId = this.#movieId;
    if (movieId === null) return Promise.resolve(false);
    return this.#change(`Deleting ${rater}'s trace`, () => this.#api.call('valence.deleteTrace', { movieId, rater }));
  }

  #change(what: string, send: () => TraceChange): Promise<boolean> {
    this.message = null;
    this.#editsInFlight++;
    const done = this.#queue(async () => {
      try {
        this.#onHistory((await send()).history);
        return true;
      } catch (err) {
        this.#notices.report(err, what);
        return false;
      } finally {
        this.#editsInFlight--;
      }
    });
    void this.reload();
    return done;
  }

  #queue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(fn);
    this.#chain = next.catch(() => undefined);
    return next;
  }
}
