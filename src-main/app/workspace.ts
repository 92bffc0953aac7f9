/**
 * The project this process serves, and switching it. Browser mode and the Electron shell hold one
 * workspace for their lifetime, so the transports keep serving while projects come and go. Each
 * project keeps its own service; the workspace answers the project.* methods itself (they close one
 * project and open another, which no project's service can do to itself) and hands the rest on.
 */
import { hostname } from 'node:os';
import type { z } from 'zod';
import {
  API_EVENT_NAMES,
  isWorkspaceMethod,
  workspaceSchemas,
  type ApiEvents,
  type ApiMethod,
  type ApiResult,
  type AppMethod,
  type ServedApi,
  type WorkspaceMethod,
  type WorkspaceResults,
} from '../contract/api.js';
import type { ProjectInfo } from '../contract/domain.js';
import { conflict } from '../contract/errors.js';
import { parseOrRefuse } from '../contract/parse.js';
import { readLease } from '../store/lease.js';
import type { Project } from '../store/project.js';
import { TypedEmitter } from '../util/typed-emitter.js';
import { pathToCreate, pathToOpen } from './project-files.js';
import { RecentProjects, recentFilePath } from './recent-projects.js';
import { openSession, type Session } from './session.js';

type Handlers = { [M in WorkspaceMethod]: (params: z.infer<(typeof workspaceSchemas)[M]>) => WorkspaceResults[M] | Promise<WorkspaceResults[M]> };

export interface WorkspaceOptions {
  /** Names this process to others that find a project busy. */
  label?: string;
  /** The recent-projects list (by default in the user's config folder). */
  recentFile?: string;
  /** How long a switch waits for calls already under way on the open project (default 10 s). */
  switchWaitMs?: number;
}

export class Workspace extends TypedEmitter<ApiEvents> implements ServedApi {
  #session: Session;
  #forwarding: (() => void)[] = [];
  /** Calls under way on the open project, and who waits for them to end (a switch). */
  #inFlight = 0;
  #drained: (() => void)[] = [];
  readonly #switchWaitMs: number;
  readonly #recent: RecentProjects;
  readonly #handlers: Handlers = {
    'project.open': ({ path }) => this.#switchTo(pathToOpen(path), false),
    'project.create': ({ path }) => this.#switchTo(pathToCreate(path), true),
    'project.recent': () => this.#recent.list(),
    'project.forgetRecent': ({ path }) => this.#recent.forget(path),
  };

  /** Opens (or creates, as the app always has at start) `projectPath`. */
  constructor(projectPath: string, { label, recentFile = recentFilePath(), switchWaitMs = 10_000 }: WorkspaceOptions = {}) {
    super();
    this.#switchWaitMs = switchWaitMs;
    this.#recent = new RecentProjects(recentFile);
    this.#session = this.#adopt(openSession(projectPath, { label }));
    this.#recent.opened(this.#session.project.path);
  }

  get session(): Session {
    return this.#session;
  }

  /** Where the open project keeps movies uploaded from a browser. */
  get uploadDir(): string {
    return this.#session.uploadDir;
  }

  mediaFile(movieId: number): string {
    return this.#session.api.mediaFile(movieId);
  }

  call<M extends AppMethod>(method: M, params: unknown): Promise<ApiResult<M>>;
  call(method: string, params: unknown): Promise<unknown>;
  async call(method: string, params: unknown): Promise<unknown> {
    if (!isWorkspaceMethod(method)) return this.#counted(this.#session.api.call(method as ApiMethod, params));
    const parsed = parseOrRefuse<unknown>(workspaceSchemas[method], params ?? {}, method);
    // The params were just read by this method's own schema, which is what its handler takes.
    return (this.#handlers[method] as (p: unknown) => unknown)(parsed);
  }

  close(): void {
    this.#forwarding.forEach((off) => off());
    this.#session.close();
    this.clear();
  }

  /**
   * Opens `path` before letting go of the current project, so a refusal (or a failure to open)
   * leaves the current one open and unchanged. Closing it releases its job lease and its database.
   */
  async #switchTo(path: string, create: boolean): Promise<ProjectInfo> {
    const old = this.#session;
    const switching = path !== old.project.path;
    if (switching) {
      const busy = jobsRunningHere(old.project);
      if (busy) throw conflict(busy);
      // A call still working on the old project (a comparison computing features) must not outlive its database.
      if (!(await this.#drain(this.#switchWaitMs))) throw conflict(`${this.#inFlight} request(s) are still working on ${old.project.path}; try again when they finish`);
      const next = openSession(path, { create });
      this.#forwarding.forEach((off) => off());
      old.close();
      this.#session = this.#adopt(next);
    }
    this.#recent.opened(path);
    const info = await this.#session.api.call('project.info', {});
    if (switching) this.emit('project.switched', info);
    return info;
  }

  async #counted<T>(call: Promise<T>): Promise<T> {
    this.#inFlight++;
    try {
      return await call;
    } finally {
      if (--this.#inFlight === 0) this.#drained.splice(0).forEach((wake) => wake());
    }
  }

  /** Whether every call on the open project ended within `ms`. */
  #drain(ms: number): Promise<boolean> {
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.#inFlight === 0), ms);
      this.#drained.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** The open project's events go out as the workspace's own, so listeners outlive a switch. */
  #adopt(session: Session): Session {
    this.#forwarding = API_EVENT_NAMES.map((name) => session.api.on(name, (payload) => this.emit(name, payload)));
    return session;
  }
}

/**
 * Why this process may not leave `project` now, or null. Its job queue holds the project's lease while
 * it runs jobs (from the first one taken until the last one ends), so the lease says whether jobs are
 * under way here. A job queued here but waiting for another process's lease stays queued in the
 * project and runs when the project is next opened.
 */
function jobsRunningHere(project: Project): string | null {
  const lease = readLease(project.path);
  if (lease.state !== 'held' || lease.holder.pid !== process.pid || lease.holder.host !== hostname()) return null;
  const jobs = project.jobs.list();
  const job = jobs.find((j) => j.state === 'running') ?? jobs.find((j) => j.state === 'queued');
  const what = job ? `a ${job.kind} job (${job.id}) is ${job.state}` : 'jobs are running';
  return `${what} on ${project.path}; let it finish or cancel it before switching projects`;
}
