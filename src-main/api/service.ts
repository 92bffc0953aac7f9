/**
 * The implementation of the API contract. Both transports hand every call to `call()`, which
 * validates the params, runs the handler and returns plain JSON; events go out through `on()`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { z } from 'zod';
import { paramSchemas, type ApiEvents, type ApiMethod, type ApiResult, type ApiResults, type SettingsView } from '../contract/api.js';
import type { ProjectSettings } from '../contract/domain.js';
import { badRequest, conflict, notFound } from '../contract/errors.js';
import { parseOrRefuse } from '../contract/parse.js';
import { checkNewEvents, createEdit, deleteEdit, updateEdit, type Edit } from '../events/event-edits.js';
import { checkInFilm, FILE_ENDINGS, parseEventFiles, skippedNote, writeEventFiles } from '../events/formats/index.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { projectAnalyzeDeps } from '../analysis/project-deps.js';
import { preflightImport } from '../jobs/import-movie.js';
import { JobQueue } from '../jobs/queue.js';
import { publicEvent, type StoredEvent } from '../events/event-types.js';
import type { ValenceReport } from '../valence/report/report-data.js';
import { jobHandlers } from './job-handlers.js';
import { traceHandlers } from './trace-handlers.js';
import { reviewHandlers } from './review-handlers.js';
import { compareHandlers } from './compare-handlers.js';
import { explainHandlers } from './explain-handlers.js';
import { modelInfo } from './model-info.js';
import { activateModel, deleteModel, modelRegistry, renameModel, revertModel } from './model-registry.js';
import { currentDetectorVersions } from '../analysis/detector-versions.js';
import { BUSY_TIMEOUT_MS } from '../store/db.js';
import type { Project } from '../store/project.js';
import { TypedEmitter } from '../util/typed-emitter.js';
import { typedToBase64 } from './codec.js';

/** Each method's handler takes its params as the contract's schema reads them. */
type Handlers = { [M in ApiMethod]: (params: z.infer<(typeof paramSchemas)[M]>) => ApiResults[M] | Promise<ApiResults[M]> };

const HUMAN_TRACK = 'researcher';

/** Automatic threads mean one per core of the machine the project is open on, so the UI is told how many. */
const settingsView = (settings: ProjectSettings): SettingsView => ({ ...settings, cores: availableParallelism() });

export class ApiService extends TypedEmitter<ApiEvents> {
  readonly project: Project;
  readonly jobs: JobQueue;
  readonly #handlers: Handlers;
  readonly #unsubscribe: () => void;
  /** Where the bundled valence model lives: the registry lists the one Analyze falls back to. */
  readonly #valenceDir: string | undefined;

  constructor(project: Project, analyzeDeps: AnalyzeDeps = projectAnalyzeDeps(project)) {
    super();
    this.project = project;
    this.jobs = new JobQueue(project, jobHandlers(project, analyzeDeps, (event, payload) => this.emit(event, payload)));
    this.#unsubscribe = this.jobs.on('updated', (job) => this.emit('job.updated', job));
    this.#valenceDir = analyzeDeps.defaultValenceDir;
    this.#handlers = this.#makeHandlers();
  }

  async call<M extends ApiMethod>(method: M, params: unknown): Promise<ApiResult<M>> {
    if (!Object.hasOwn(paramSchemas, method)) throw badRequest(`unknown method '${String(method)}'`);
    const parsed = parseOrRefuse<unknown>(paramSchemas[method], params ?? {}, method);
    // The params were just read by this method's own schema, which is what its handler takes.
    const handler = this.#handlers[method] as (p: unknown) => ApiResult<M> | Promise<ApiResult<M>>;
    try {
      return await handler(parsed);
    } catch (err) {
      // Another process kept the write lock past the busy timeout: say so, not "database is locked".
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw conflict(`${method}: the project is busy in another process (no write for ${BUSY_TIMEOUT_MS / 1000} s); nothing was changed, try again`);
      }
      throw err;
    }
  }

  /** The file a movie plays from, for the transports' media routes; refused when it has moved. */
  mediaFile(movieId: number): string {
    const { path } = this.project.movies.get(movieId);
    if (!existsSync(path)) throw notFound(`the movie file has moved or was deleted: ${path}`);
    return path;
  }

  dispose(): void {
    this.#unsubscribe();
    this.jobs.dispose();
    this.clear();
  }

  #eventsOf(movieId: number): Map<number, StoredEvent> {
    return new Map(this.project.events.list(movieId).map((e) => [e.id, e]));
  }

  #editResult(movieId: number) {
    return { events: this.project.events.list(movieId).map(publicEvent), history: this.project.history.state() };
  }

  #applyEdit(movieId: number, edit: Edit) {
    this.project.history.apply(movieId, edit.label, edit.forward, edit.backward);
    this.emit('movie.changed', { movieId, what: 'events' });
    return this.#editResult(movieId);
  }

  #movieOfEvents(ids: number[]): number {
    const first = this.project.events.get(ids[0]);
    if (!first) throw badRequest(`no event ${ids[0]} in this project`);
    return first.movieId;
  }

  #historyStep(step: () => number | null) {
    const movieId = step();
    // A step may hold event ops, trace ops or both.
    if (movieId !== null) for (const what of ['events', 'valence'] as const) this.emit('movie.changed', { movieId, what });
    return this.project.history.state();
  }

  async #modelsChanged<T>(done: Promise<T>): Promise<T> {
    const result = await done;
    this.emit('project.changed', { what: 'models' });
    return result;
  }

  #makeHandlers(): Handlers {
    const p = this.project;
    const dir = this.#valenceDir;
    return {
      'project.info': () => ({ path: p.path, schemaVersion: p.schemaVersion(), movies: p.movies.list().length }),
      'movies.list': () => p.movies.list(),
      'movies.get': ({ movieId }) => p.movies.get(movieId),
      'movies.import': async ({ path }) => {
        const info = await preflightImport(path);
        return this.jobs.enqueue('import-movie', { path: info.path });
      },
      'movies.analyze': ({ movieId, threads }) => this.jobs.enqueue('analyze', { movieId: p.movies.get(movieId).id, ...(threads === undefined ? {} : { threads }) }),
      'movies.remove': ({ movieId }) => {
        // A job on the film (in this process or another) would write into rows that no longer exist.
        const busy = p.jobs.list().find((j) => (j.state === 'queued' || j.state === 'running') && (j.params as { movieId?: number }).movieId === movieId);
        if (busy) throw conflict(`movie ${movieId} has a ${busy.state} ${busy.kind} job (${busy.id}); cancel it or let it finish before removing the film`);
        p.movies.remove(movieId);
        this.emit('movie.changed', { movieId, what: 'removed' });
        return { removed: true as const };
      },
      'peaks.get': ({ movieId, binsPerSecond, from, to }) => {
        const level = p.peaks.level(p.movies.get(movieId).id, binsPerSecond);
        if (!level) throw badRequest(`movie ${movieId} has no waveform peaks`);
        const a = Math.max(0, Math.floor((from ?? 0) * level.binsPerSecond));
        const b = Math.min(level.min.length, to === undefined ? level.min.length : Math.ceil(to * level.binsPerSecond));
        return {
          binsPerSecond: level.binsPerSecond,
          from: a / level.binsPerSecond,
          count: Math.max(0, b - a),
          min: typedToBase64(level.min.subarray(a, Math.max(a, b))),
          max: typedToBase64(level.max.subarray(a, Math.max(a, b))),
        };
      },
      'spectrogram.get': ({ movieId, columnsPerSecond, from, to }) => {
        const level = p.spectrograms.level(p.movies.get(movieId).id, columnsPerSecond ?? 0);
        if (!level) return null;
        const { bands } = level;
        const n = level.data.length / bands;
        const a = Math.min(n, Math.max(0, Math.floor((from ?? 0) * level.columnsPerSecond)));
        const b = Math.max(a, Math.min(n, to === undefined ? n : Math.ceil(to * level.columnsPerSecond)));
        const data = typedToBase64(level.data.subarray(a * bands, b * bands));
        return { columnsPerSecond: level.columnsPerSecond, bands, from: a / level.columnsPerSecond, count: b - a, data };
      },
      'spectrogram.compute': ({ movieId }) => this.jobs.enqueue('spectrogram', { movieId: p.movies.get(movieId).id }),
      'events.list': ({ movieId }) => {
        p.movies.get(movieId);
        return p.events.list(movieId).map(publicEvent);
      },
      'events.create': ({ movieId, label, onset, offset }) => {
        const movie = p.movies.get(movieId);
        checkNewEvents([{ onset, offset }], movie.duration);
        return p.db.transaction(() => {
          const trackId = p.events.track(movieId, HUMAN_TRACK);
          const created = p.events.put({ trackId, movieId, label, onset, offset, source: 'human', confidence: null, modelVersion: null });
          return this.#applyEdit(movieId, createEdit([created], `create ${label}`));
        }).immediate();
      },
      'events.update': ({ patches }) => {
        const movieId = this.#movieOfEvents(patches.map((x) => x.id));
        const edit = updateEdit(this.#eventsOf(movieId), patches, p.movies.get(movieId).duration);
        return this.#applyEdit(movieId, edit);
      },
      'events.delete': ({ ids }) => {
        const movieId = this.#movieOfEvents(ids);
        return this.#applyEdit(movieId, deleteEdit(this.#eventsOf(movieId), ids));
      },
      'events.import': ({ movieId, format, files, replace }) => {
        const movie = p.movies.get(movieId);
        const parsed = parseEventFiles(format, files);
        if (parsed.events.length === 0) throw badRequest(`${files[0].name}: no events of the eight classes in it. ${skippedNote(parsed.skipped)}`.trim());
        checkInFilm(parsed.events, movie.duration);
        const items = parsed.events.map(({ onset, offset, label, confidence }) => ({ onset, offset, label, confidence: confidence ?? null }));
        const result = p.db.transaction(() => {
          const removal = replace ? deleteEdit(this.#eventsOf(movieId), [...this.#eventsOf(movieId).keys()]) : null;
          if (removal) removal.forward.forEach((o) => o.op === 'del' && p.events.delete(o.id));
          const trackId = p.events.track(movieId, `import ${parsed.format}`);
          const created = items.map((e) =>
            p.events.put({ ...e, trackId, movieId, source: 'import', modelVersion: null }),
          );
          const add = createEdit(created, `import ${created.length} events`);
          const edit: Edit = removal
            ? { label: add.label, forward: [...removal.forward, ...add.forward], backward: [...add.backward, ...removal.backward] }
            : add;
          return this.#applyEdit(movieId, edit);
        }).immediate();
        return { ...result, imported: items.length, skipped: parsed.skipped };
      },
      'events.export': ({ movieId, format, name }) => {
        const movie = p.movies.get(movieId);
        const about = { duration: movie.duration, mediaPath: movie.path };
        // A detector's or an imported file's confidence goes out; an edited event keeps its old figure in the project, but a person made it.
        const events = p.events.list(movieId).map((e) => ({ ...e, confidence: e.source === 'human' ? null : e.confidence }));
        return { files: writeEventFiles(format, events, name ?? `${basename(movie.title)}${FILE_ENDINGS[format]}`, about) };
      },
      'history.state': () => p.history.state(),
      'history.undo': () => this.#historyStep(() => p.history.undo()),
      'history.redo': () => this.#historyStep(() => p.history.redo()),
      'valence.list': ({ movieId }) => {
        p.movies.get(movieId);
        return p.valence.list(movieId);
      },
      ...traceHandlers(p, (movieId) => this.emit('movie.changed', { movieId, what: 'valence' })),
      ...reviewHandlers(p, (movieId) => this.emit('movie.changed', { movieId, what: 'events' })),
      ...explainHandlers(p),
      ...compareHandlers(p, { valenceDir: dir }),
      'valence.get': ({ seriesId }) => ({
        ...p.valence.info(seriesId),
        values: typedToBase64(p.valence.values(seriesId)),
      }),
      'descriptors.list': ({ movieId }) =>
        p.descriptors.list(p.movies.get(movieId).id).map(({ id, kind, rate, dims, frames, complete }) => ({ id, kind, rate, dims, frames, complete })),
      'descriptors.compute': ({ movieId }) => {
        p.movies.get(movieId);
        return this.jobs.enqueue('audio-descriptors', { movieId });
      },
      'settings.get': () => settingsView(p.settings.get()),
      'settings.update': async (patch) => {
        // A backbone is tried before it is kept, so a file that is not a model fails here, not mid-analysis.
        if (patch.visualBackbone && patch.visualBackbone.type !== 'bundled') {
          const { loadBackbone } = await import('../visual/load-backbone.js');
          (await loadBackbone(patch.visualBackbone)).dispose();
        }
        const settings = p.settings.update(patch);
        this.emit('project.changed', { what: 'settings' });
        return settingsView(settings);
      },
      'models.list': async () => {
        const detectors = await currentDetectorVersions(p);
        return p.models.list().map((m) => modelInfo(m, detectors));
      },
      'models.registry': () => modelRegistry(p, dir),
      'models.activate': ({ version }) => this.#modelsChanged(activateModel(p, version, dir)),
      'models.revert': ({ role }) => this.#modelsChanged(revertModel(p, role, dir)),
      'models.rename': ({ version, name }) => this.#modelsChanged(renameModel(p, version, name, dir)),
      'models.delete': ({ version }) => this.#modelsChanged(deleteModel(p, version, dir)),
      'sed.train': (params) => {
        params.movieIds?.forEach((id) => p.movies.get(id));
        return this.jobs.enqueue('train-sed', params);
      },
      'valence.train': (params) => this.jobs.enqueue('train-valence', params),
      'valence.evaluate': (params) => this.jobs.enqueue('evaluate', params),
      'reports.list': () => p.reports.list(),
      'reports.get': async ({ reportId }) => {
        const info = p.reports.info(reportId);
        const body = p.reports.body<ValenceReport>(reportId);
        const { reportHtml } = await import('../valence/report/report-html.js');
        return { ...info, body, html: reportHtml(body) };
      },
      'reports.delete': ({ reportId }) => {
        if (!p.reports.delete(reportId)) throw notFound(`no report ${reportId} in this project`);
        this.emit('project.changed', { what: 'reports' });
        return { removed: true as const };
      },
      'jobs.list': () => p.jobs.list(),
      'jobs.cancel': ({ jobId }) => this.jobs.cancel(jobId),
      'jobs.restart': ({ jobId }) => this.jobs.restart(jobId),
    };
  }
}
