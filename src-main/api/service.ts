/**
 * The implementation of the API contract. Both transports hand every call to `call()`, which
 * validates the params, runs the handler and returns plain JSON; events go out through `on()`.
 */
import { basename } from 'node:path';
import { paramSchemas, type ApiEvents, type ApiMethod, type ApiResult, type ApiResults } from '../contract/api.js';
import type { ProjectSettings } from '../contract/domain.js';
import { badRequest, conflict, notFound } from '../contract/errors.js';
import { checkNewEvents, createEdit, deleteEdit, updateEdit, type Edit } from '../events/event-edits.js';
import { formatEventList, parseEventList } from '../events/event-list-formats.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { projectAnalyzeDeps } from '../analysis/project-deps.js';
import { computeAudioDescriptors } from '../jobs/compute-audio-descriptors.js';
import { importMovie, preflightImport, type ImportMovieParams } from '../jobs/import-movie.js';
import { JobQueue } from '../jobs/queue.js';
import type { EvaluateJobParams } from '../jobs/evaluate-valence.js';
import type { TrainDetectorsParams } from '../jobs/train-detectors.js';
import type { TrainValenceJobParams } from '../jobs/train-valence.js';
import { publicEvent, type StoredEvent } from '../events/event-types.js';
import type { ValenceReport } from '../valence/report/report-data.js';
import { modelInfo } from './model-info.js';
import { currentDetectorVersions } from '../analysis/detector-versions.js';
import { BUSY_TIMEOUT_MS } from '../store/db.js';
import type { Project } from '../store/project.js';
import { TypedEmitter } from '../util/typed-emitter.js';
import { typedToBase64 } from './codec.js';

type Handlers = { [M in ApiMethod]: (params: never) => ApiResults[M] | Promise<ApiResults[M]> };

const HUMAN_TRACK = 'researcher';

export class ApiService extends TypedEmitter<ApiEvents> {
  readonly project: Project;
  readonly jobs: JobQueue;
  readonly #handlers: Handlers;
  readonly #unsubscribe: () => void;

  constructor(project: Project, analyzeDeps: AnalyzeDeps = projectAnalyzeDeps(project)) {
    super();
    this.project = project;
    this.jobs = new JobQueue(project, {
      'import-movie': async (params, ctx) => {
        const movie = await importMovie(project, params as ImportMovieParams, ctx);
        this.emit('movie.changed', { movieId: movie.id, what: 'movie' });
        return { movieId: movie.id };
      },
      'audio-descriptors': (params, ctx) => computeAudioDescriptors(project, params as { movieId: number }, ctx),
      analyze: async (params, ctx) => {
        const { movieId } = params as { movieId: number };
        // Loaded on first use: the models' runtimes are heavy and most sessions only edit.
        const { analyzeMovie } = await import('../analysis/analyze-movie.js');
        try {
          return await analyzeMovie(project, { movieId }, ctx, analyzeDeps);
        } finally {
          // Partial results of a failed or cancelled run are shown too.
          this.emit('movie.changed', { movieId, what: 'events' });
          this.emit('movie.changed', { movieId, what: 'valence' });
        }
      },
      'train-sed': async (params, ctx) => {
        const { trainDetectorsJob } = await import('../jobs/train-detectors.js');
        const result = await trainDetectorsJob(project, params as TrainDetectorsParams, ctx);
        this.emit('project.changed', { what: 'models' });
        return result;
      },
      'train-valence': async (params, ctx) => {
        const { trainValenceJob } = await import('../jobs/train-valence.js');
        const result = await trainValenceJob(project, params as TrainValenceJobParams, ctx, analyzeDeps);
        this.emit('project.changed', { what: 'models' });
        return result;
      },
      evaluate: async (params, ctx) => {
        const { evaluateValenceJob } = await import('../jobs/evaluate-valence.js');
        const result = await evaluateValenceJob(project, params as EvaluateJobParams, ctx, analyzeDeps);
        this.emit('project.changed', { what: 'reports' });
        return result;
      },
    });
    this.#unsubscribe = this.jobs.on('updated', (job) => this.emit('job.updated', job));
    this.#handlers = this.#makeHandlers();
  }

  async call<M extends ApiMethod>(method: M, params: unknown): Promise<ApiResult<M>> {
    if (!Object.hasOwn(paramSchemas, method)) throw badRequest(`unknown method '${String(method)}'`);
    const parsed = paramSchemas[method].safeParse(params ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      throw badRequest(`${method}: ${where}${issue.message}`);
    }
    const handler = this.#handlers[method] as (p: unknown) => ApiResult<M> | Promise<ApiResult<M>>;
    try {
      return await handler(parsed.data);
    } catch (err) {
      // Another process kept the write lock past the busy timeout: say so, not "database is locked".
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw conflict(`${method}: the project is busy in another process (no write for ${BUSY_TIMEOUT_MS / 1000} s); nothing was changed, try again`);
      }
      throw err;
    }
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
    if (movieId !== null) this.emit('movie.changed', { movieId, what: 'events' });
    return this.project.history.state();
  }

  #makeHandlers(): Handlers {
    const p = this.project;
    return {
      'project.info': () => ({ path: p.path, schemaVersion: p.schemaVersion(), movies: p.movies.list().length }),
      'movies.list': () => p.movies.list(),
      'movies.get': ({ movieId }: { movieId: number }) => p.movies.get(movieId),
      'movies.import': async ({ path }: { path: string }) => {
        const info = await preflightImport(path);
        return this.jobs.enqueue('import-movie', { path: info.path });
      },
      'movies.analyze': ({ movieId }: { movieId: number }) => this.jobs.enqueue('analyze', { movieId: p.movies.get(movieId).id }),
      'movies.remove': ({ movieId }: { movieId: number }) => {
        p.movies.remove(movieId);
        this.emit('movie.changed', { movieId, what: 'removed' });
        return { removed: true as const };
      },
      'peaks.get': ({ movieId, binsPerSecond, from, to }: { movieId: number; binsPerSecond: number; from?: number; to?: number }) => {
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
      'events.list': ({ movieId }: { movieId: number }) => {
        p.movies.get(movieId);
        return p.events.list(movieId).map(publicEvent);
      },
      'events.create': ({ movieId, label, onset, offset }: { movieId: number; label: StoredEvent['label']; onset: number; offset: number }) => {
        const movie = p.movies.get(movieId);
        checkNewEvents([{ onset, offset }], movie.duration);
        return p.db.transaction(() => {
          const trackId = p.events.track(movieId, HUMAN_TRACK);
          const created = p.events.put({ trackId, movieId, label, onset, offset, source: 'human', confidence: null, modelVersion: null });
          return this.#applyEdit(movieId, createEdit([created], `create ${label}`));
        }).immediate();
      },
      'events.update': ({ patches }: { patches: { id: number }[] }) => {
        const movieId = this.#movieOfEvents(patches.map((x) => x.id));
        const edit = updateEdit(this.#eventsOf(movieId), patches, p.movies.get(movieId).duration);
        return this.#applyEdit(movieId, edit);
      },
      'events.delete': ({ ids }: { ids: number[] }) => {
        const movieId = this.#movieOfEvents(ids);
        return this.#applyEdit(movieId, deleteEdit(this.#eventsOf(movieId), ids));
      },
      'events.import': ({ movieId, format, text, replace }: { movieId: number; format: 'tsv' | 'audacity'; text: string; replace?: boolean }) => {
        const movie = p.movies.get(movieId);
        const items = parseEventList(text, format);
        checkNewEvents(items, movie.duration);
        return p.db.transaction(() => {
          const removal = replace ? deleteEdit(this.#eventsOf(movieId), [...this.#eventsOf(movieId).keys()]) : null;
          if (removal) removal.forward.forEach((o) => o.op === 'del' && p.events.delete(o.id));
          const trackId = p.events.track(movieId, `import ${format}`);
          const created = items.map((e) =>
            p.events.put({ ...e, trackId, movieId, source: 'import', confidence: null, modelVersion: null }),
          );
          const add = createEdit(created, `import ${created.length} events`);
          const edit: Edit = removal
            ? { label: add.label, forward: [...removal.forward, ...add.forward], backward: [...add.backward, ...removal.backward] }
            : add;
          return this.#applyEdit(movieId, edit);
        }).immediate();
      },
      'events.export': ({ movieId, format }: { movieId: number; format: 'tsv' | 'audacity' }) => {
        const movie = p.movies.get(movieId);
        const text = formatEventList(p.events.list(movieId), format);
        return { text, fileName: `${basename(movie.title)}.${format === 'tsv' ? 'events.tsv' : 'labels.txt'}` };
      },
      'history.state': () => p.history.state(),
      'history.undo': () => this.#historyStep(() => p.history.undo()),
      'history.redo': () => this.#historyStep(() => p.history.redo()),
      'valence.list': ({ movieId }: { movieId: number }) => {
        p.movies.get(movieId);
        return p.valence.list(movieId);
      },
      'valence.get': ({ seriesId }: { seriesId: number }) => ({
        ...p.valence.info(seriesId),
        values: typedToBase64(p.valence.values(seriesId)),
      }),
      'descriptors.list': ({ movieId }: { movieId: number }) =>
        p.descriptors.list(p.movies.get(movieId).id).map(({ id, kind, rate, dims, frames, complete }) => ({ id, kind, rate, dims, frames, complete })),
      'descriptors.compute': ({ movieId }: { movieId: number }) => {
        p.movies.get(movieId);
        return this.jobs.enqueue('audio-descriptors', { movieId });
      },
      'settings.get': () => p.settings.get(),
      'settings.update': async (patch: Partial<ProjectSettings>) => {
        // A backbone is tried before it is kept, so a file that is not a model fails here, not mid-analysis.
        if (patch.visualBackbone && patch.visualBackbone.type !== 'bundled') {
          const { loadBackbone } = await import('../visual/load-backbone.js');
          (await loadBackbone(patch.visualBackbone)).dispose();
        }
        const settings = p.settings.update(patch);
        this.emit('project.changed', { what: 'settings' });
        return settings;
      },
      'models.list': async () => {
        const detectors = await currentDetectorVersions(p);
        return p.models.list().map((m) => modelInfo(m, detectors));
      },
      'sed.train': (params: TrainDetectorsParams) => {
        params.movieIds?.forEach((id) => p.movies.get(id));
        return this.jobs.enqueue('train-sed', params);
      },
      'valence.train': (params: TrainValenceJobParams) => this.jobs.enqueue('train-valence', params),
      'valence.evaluate': (params: EvaluateJobParams) => this.jobs.enqueue('evaluate', params),
      'reports.list': () => p.reports.list(),
      'reports.get': async ({ reportId }: { reportId: number }) => {
        const info = p.reports.info(reportId);
        const body = p.reports.body<ValenceReport>(reportId);
        const { reportHtml } = await import('../valence/report/report-html.js');
        return { ...info, body, html: reportHtml(body) };
      },
      'reports.delete': ({ reportId }: { reportId: number }) => {
        if (!p.reports.delete(reportId)) throw notFound(`no report ${reportId} in this project`);
        this.emit('project.changed', { what: 'reports' });
        return { removed: true as const };
      },
      'jobs.list': () => p.jobs.list(),
      'jobs.cancel': ({ jobId }: { jobId: number }) => this.jobs.cancel(jobId),
      'jobs.restart': ({ jobId }: { jobId: number }) => this.jobs.restart(jobId),
    };
  }
}
