/**
 * The current movie's sound events, the source filter, the selection, and the edits on them. Every
 * edit goes to the API at once; the local list changes first so a drag lands without waiting for the
 * round trip. Calls run one after another, so a reload never overtakes an edit sent before it.
 */
import type { ApiTransport, EditResult, EventListFormat } from '../../../src-main/contract/api.js';
import { EVENT_CLASSES, type EventClass, type HistoryState, type SoundEvent } from '../../../src-main/contract/domain.js';
import { sortEvents, type Span } from '../lib/edit.js';
import { packLanes } from '../lib/packing.js';
import { countBySource, passesFilter, type SourceFilter } from '../lib/provenance.js';
import type { Notices } from './notices.svelte.js';

export interface EventPatch {
  id: number;
  label?: EventClass;
  onset?: number;
  offset?: number;
}

const NO_HISTORY: HistoryState = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null };

export class EventsState {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  #movieId: number | null = null;
  #all = $state.raw<SoundEvent[]>([]);
  #selected = $state.raw<ReadonlySet<number>>(new Set());
  #filter = $state<SourceFilter>('all');
  #history = $state.raw<HistoryState>(NO_HISTORY);
  #chain: Promise<unknown> = Promise.resolve();
  /** Edits sent and not answered yet: their answers carry the whole list, so pushes need no reload. */
  #editsInFlight = 0;
  #reloadQueued = false;

  /** Per lane, sorted by onset, the events the source filter lets through: what the lanes draw and hit-test. */
  readonly shownByLabel = $derived.by(() => {
    const lanes = Object.fromEntries(EVENT_CLASSES.map((c) => [c, [] as SoundEvent[]])) as Record<EventClass, SoundEvent[]>;
    for (const e of this.#all) if (passesFilter(this.#filter, e)) lanes[e.label].push(e);
    return lanes;
  });
  /** Rows of the shown events, overlapping ones apart, and how many rows each lane needs. */
  readonly packing = $derived(packLanes(this.shownByLabel));
  /** Events per source, whatever the filter: the filter's counts. */
  readonly counts = $derived(countBySource(this.#all));

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
  }

  get all(): readonly SoundEvent[] {
    return this.#all;
  }
  get selected(): ReadonlySet<number> {
    return this.#selected;
  }
  get history(): HistoryState {
    return this.#history;
  }
  get filter(): SourceFilter {
    return this.#filter;
  }

  /** Shows one source (or all); hidden events leave the selection, so no key edits what cannot be seen. */
  setFilter(filter: SourceFilter): void {
    this.#filter = filter;
    const hidden = new Set(this.#all.filter((e) => !passesFilter(filter, e)).map((e) => e.id));
    if ([...this.#selected].some((id) => hidden.has(id))) this.#selected = new Set([...this.#selected].filter((id) => !hidden.has(id)));
  }

  get selectedEvents(): SoundEvent[] {
    return this.#all.filter((e) => this.#selected.has(e.id));
  }

  open(movieId: number | null): Promise<void> {
    this.#movieId = movieId;
    this.#all = [];
    this.#selected = new Set();
    return this.reload();
  }

  /** Fetches the list again; calls that arrive while one is already waiting share it. */
  reload(): Promise<void> {
    if (this.#reloadQueued) return this.#chain.then(() => undefined);
    this.#reloadQueued = true;
    return this.#run('Loading events', async () => {
      this.#reloadQueued = false;
      const movieId = this.#movieId;
      const [events, history] = await Promise.all([
        movieId === null ? Promise.resolve([]) : this.#api.call('events.list', { movieId }),
        this.#api.call('history.state', {}),
      ]);
      if (movieId !== this.#movieId) return;
      this.#all = sortEvents([...events]);
      this.#history = history;
      this.#dropMissingFromSelection();
    });
  }

  /** Another edit (a valence trace's) went into the same project history: its answer is the new state. */
  adoptHistory(history: HistoryState): void {
    this.#history = history;
  }

  /** A valence trace changed elsewhere (another window's edit or undo): the shared history moved too. */
  refreshHistory(): Promise<void> {
    return this.#run('Loading the undo history', async () => {
      this.#history = await this.#api.call('history.state', {});
    });
  }

  /** A 'movie.changed' push: our own edits announce themselves too, and their answers already hold the list. */
  changedElsewhere(): void {
    if (this.#editsInFlight === 0) void this.reload();
  }

  create(label: EventClass, span: Span): Promise<void> {
    const movieId = this.#movieId;
    if (movieId === null || span.offset <= span.onset) return Promise.resolve();
    const before = new Set(this.#all.map((e) => e.id));
    this.#showHandMade();
    return this.#edit('Creating an event', () => this.#api.call('events.create', { movieId, label, ...span }), (result) => {
      const created = result.events.filter((e) => !before.has(e.id));
      if (created.length) this.#selected = new Set(created.map((e) => e.id));
    });
  }

  update(patches: EventPatch[]): Promise<void> {
    const byId = new Map(this.#all.map((e) => [e.id, e]));
    const changed = patches.filter((p) => {
      const e = byId.get(p.id);
      return e && ((p.label ?? e.label) !== e.label || (p.onset ?? e.onset) !== e.onset || (p.offset ?? e.offset) !== e.offset);
    });
    if (changed.length === 0) return Promise.resolve();
    const patchOf = new Map(changed.map((p) => [p.id, p]));
    this.#showHandMade();
    // As the API does: an edited event is the researcher's (a moved detection turns solid at once).
    this.#all = sortEvents(this.#all.map((e) => (patchOf.has(e.id) ? { ...e, ...patchOf.get(e.id), source: 'human' } : e)));
    return this.#edit('Saving the change', () => this.#api.call('events.update', { patches: changed }));
  }

  relabelSelected(label: EventClass): Promise<void> {
    return this.update([...this.#selected].map((id) => ({ id, label })));
  }

  deleteSelected(): Promise<void> {
    const ids = [...this.#selected];
    if (ids.length === 0) return Promise.resolve();
    this.#all = this.#all.filter((e) => !this.#selected.has(e.id));
    this.#selected = new Set();
    return this.#edit('Deleting events', () => this.#api.call('events.delete', { ids }));
  }

  undo(): Promise<void> {
    return this.#step('Undo', () => this.#api.call('history.undo', {}));
  }

  redo(): Promise<void> {
    return this.#step('Redo', () => this.#api.call('history.redo', {}));
  }

  importList(format: EventListFormat | 'auto', files: Array<{ name: string; text: string }>, replace: boolean): Promise<void> {
    const movieId = this.#movieId;
    if (movieId === null) return Promise.resolve();
    return this.#edit('Importing the event list', () => this.#api.call('events.import', { movieId, format, files, replace }));
  }

  async exportList(format: EventListFormat): Promise<{ files: Array<{ name: string; text: string }> } | null> {
    const movieId = this.#movieId;
    if (movieId === null) return null;
    try {
      return await this.#api.call('events.export', { movieId, format });
    } catch (err) {
      this.#notices.report(err, 'Exporting the event list');
      return null;
    }
  }

  /** `mode`: plain click replaces, Shift/Ctrl click toggles one event in or out. */
  select(id: number, mode: 'replace' | 'toggle' = 'replace'): void {
    if (mode === 'replace') {
      if (!(this.#selected.size === 1 && this.#selected.has(id))) this.#selected = new Set([id]);
      return;
    }
    const next = new Set(this.#selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.#selected = next;
  }

  /** Adds a rubber band's events to the selection. */
  selectMany(ids: number[]): void {
    if (ids.some((id) => !this.#selected.has(id))) this.#selected = new Set([...this.#selected, ...ids]);
  }

  /** Every event the filter shows. */
  selectAll(): void {
    this.#selected = new Set(this.#all.filter((e) => passesFilter(this.#filter, e)).map((e) => e.id));
  }

  clearSelection(): void {
    if (this.#selected.size) this.#selected = new Set();
  }

  /**
   * Sends one edit. Its answer is the movie's whole event list; it replaces the local one unless more
   * edits are queued behind it (their optimistic changes would flicker back otherwise). A failed edit is
   * reported and the server's list reloaded, which undoes the optimistic change.
   */
  #edit(what: string, send: () => Promise<EditResult>, after?: (result: EditResult) => void): Promise<void> {
    const movieId = this.#movieId;
    this.#editsInFlight++;
    const next = this.#chain
      .then(async () => {
        const result = await send();
        this.#history = result.history;
        if (movieId !== this.#movieId) return;
        if (this.#editsInFlight === 1) {
          this.#all = sortEvents([...result.events]);
          this.#dropMissingFromSelection();
        }
        after?.(result);
      })
      .catch((err) => {
        this.#notices.report(err, what);
        // Not awaited: the reload queues behind this very promise.
        void this.reload();
      })
      .finally(() => this.#editsInFlight--);
    this.#chain = next;
    return next;
  }

  /** Undo and redo answer only the history; the list they changed is fetched after. */
  #step(what: string, send: () => Promise<HistoryState>): Promise<void> {
    return this.#run(what, async () => {
      this.#history = await send();
    }).then(() => this.reload());
  }

  /**
   * What an edit makes is hand-made (a created event, an edited detection): a filter that hides
   * hand-made events goes back to All, or the event just drawn or dragged would vanish.
   */
  #showHandMade(): void {
    if (!passesFilter(this.#filter, { source: 'human' })) this.#filter = 'all';
  }

  #dropMissingFromSelection(): void {
    const ids = new Set(this.#all.map((e) => e.id));
    if ([...this.#selected].some((id) => !ids.has(id))) this.#selected = new Set([...this.#selected].filter((id) => ids.has(id)));
  }

  #run(what: string, fn: () => Promise<void>): Promise<void> {
    const next = this.#chain.then(fn).catch((err) => this.#notices.report(err, what));
    this.#chain = next;
    return next;
  }
}
