/**
 * The current movie's sound events, the selection, and the edits on them. Every edit goes to the API
 * at once; the local list is updated first so a drag lands without waiting for the round trip.
 * Calls run one after another so a reload never overtakes an edit sent before it.
 */
import type { ApiTransport, EditResult } from '../../../src-main/contract/api.js';
import { EVENT_CLASSES, type EventClass, type HistoryState, type SoundEvent } from '../../../src-main/contract/domain.js';
import { sortEvents, type Span } from '../lib/edit.js';
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
  #history = $state.raw<HistoryState>(NO_HISTORY);
  #chain: Promise<unknown> = Promise.resolve();

  /** Per lane, sorted by onset: what the lanes draw and hit-test. */
  readonly byLabel = $derived.by(() => {
    const lanes = Object.fromEntries(EVENT_CLASSES.map((c) => [c, [] as SoundEvent[]])) as Record<EventClass, SoundEvent[]>;
    for (const e of this.#all) lanes[e.label].push(e);
    return lanes;
  });

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
  get selectedEvents(): SoundEvent[] {
    return this.#all.filter((e) => this.#selected.has(e.id));
  }

  open(movieId: number | null): Promise<void> {
    this.#movieId = movieId;
    this.#all = [];
    this.#selected = new Set();
    return this.reload();
  }

  reload(): Promise<void> {
    return this.#run('Loading events', async () => {
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

  create(label: EventClass, span: Span): Promise<void> {
    const movieId = this.#movieId;
    if (movieId === null || span.offset <= span.onset) return Promise.resolve();
    return this.#run('Creating an event', async () => {
      const result = await this.#api.call('events.create', { movieId, label, ...span });
      const created = result.events.filter((e) => !this.#all.some((o) => o.id === e.id));
      this.#merge(result);
      if (created.length) this.#selected = new Set(created.map((e) => e.id));
    });
  }

  update(patches: EventPatch[]): Promise<void> {
    const changed = patches.filter((p) => {
      const e = this.#all.find((o) => o.id === p.id);
      return e && (p.label !== undefined && p.label !== e.label || p.onset !== undefined && p.onset !== e.onset || p.offset !== undefined && p.offset !== e.offset);
    });
    if (changed.length === 0) return Promise.resolve();
    this.#all = sortEvents(this.#all.map((e) => {
      const p = changed.find((q) => q.id === e.id);
      return p ? { ...e, ...p } : e;
    }));
    return this.#run('Saving the change', async () => {
      this.#merge(await this.#api.call('events.update', { patches: changed }));
    }, true);
  }

  relabelSelected(label: EventClass): Promise<void> {
    return this.update([...this.#selected].map((id) => ({ id, label })));
  }

  deleteSelected(): Promise<void> {
    const ids = [...this.#selected];
    if (ids.length === 0) return Promise.resolve();
    this.#all = this.#all.filter((e) => !this.#selected.has(e.id));
    this.#selected = new Set();
    return this.#run('Deleting events', async () => {
      // Only the history is taken: whether the result lists the deleted events is not the contract's concern.
      this.#history = (await this.#api.call('events.delete', { ids })).history;
    }, true);
  }

  undo(): Promise<void> {
    return this.#run('Undo', async () => {
      this.#history = await this.#api.call('history.undo', {});
    }).then(() => this.reload());
  }

  redo(): Promise<void> {
    return this.#run('Redo', async () => {
      this.#history = await this.#api.call('history.redo', {});
    }).then(() => this.reload());
  }

  importList(format: 'tsv' | 'audacity', text: string, replace: boolean): Promise<void> {
    const movieId = this.#movieId;
    if (movieId === null) return Promise.resolve();
    return this.#run('Importing the event list', async () => {
      this.#history = (await this.#api.call('events.import', { movieId, format, text, replace })).history;
    }).then(() => this.reload());
  }

  async exportList(format: 'tsv' | 'audacity'): Promise<{ text: string; fileName: string } | null> {
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

  selectAll(): void {
    this.#selected = new Set(this.#all.map((e) => e.id));
  }

  clearSelection(): void {
    if (this.#selected.size) this.#selected = new Set();
  }

  /** The server's copy of what changed wins over the optimistic one. */
  #merge(result: EditResult): void {
    this.#history = result.history;
    if (result.events.length === 0) return;
    const byId = new Map(this.#all.map((e) => [e.id, e]));
    for (const e of result.events) if (e.movieId === this.#movieId) byId.set(e.id, e);
    this.#all = sortEvents([...byId.values()]);
  }

  #dropMissingFromSelection(): void {
    const ids = new Set(this.#all.map((e) => e.id));
    if ([...this.#selected].some((id) => !ids.has(id))) this.#selected = new Set([...this.#selected].filter((id) => ids.has(id)));
  }

  /** Runs calls in order; a failed optimistic edit is reported and undone by reloading the server's truth. */
  #run(what: string, fn: () => Promise<void>, optimistic = false): Promise<void> {
    const next = this.#chain.then(fn).catch((err) => {
      this.#notices.report(err, what);
      // Not awaited: the reload queues behind this very promise.
      if (optimistic) void this.reload();
    });
    this.#chain = next;
    return next;
  }
}
