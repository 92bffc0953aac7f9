/**
 * The durable job queue: rows in the project's jobs table, run one at a time, and by one process at
 * a time per project: the one holding the project's lease (another process's queue waits and says
 * who has it). Progress goes to listeners at once and to the database at most every 250 ms.
 */
import { conflict } from '../contract/errors.js';
import type { Job, JobKind, JobOf, JobParams, JobResult } from '../contract/jobs.js';
import { parseJobParams } from '../contract/parse.js';
import type { Project } from '../store/project.js';
import { describeHolder, processLabel, readLease, tryAcquireLease, type Lease, type LeaseHolder } from '../store/lease.js';
import { TypedEmitter } from '../util/typed-emitter.js';
import { CancelledError, type TaskContext } from '../util/task-context.js';

export type JobHandler<K extends JobKind> = (params: JobParams<K>, ctx: TaskContext) => Promise<JobResult<K>>;
/** One handler for every kind in the contract's job map. */
export type JobHandlers = { [K in JobKind]: JobHandler<K> };

const PERSIST_EVERY_MS = 250;
/** How often a queue waiting for another process's lease looks again. */
const LEASE_POLL_MS = 1_000;

export class JobQueue extends TypedEmitter<{ updated: Job }> {
  readonly #project: Project;
  readonly #handlers: JobHandlers;
  #running: { id: number; controller: AbortController } | null = null;
  #current: Promise<void> | null = null;
  #disposed = false;
  #lease: Lease | null = null;
  /** Jobs this queue will run: its own, and those left queued by a process that is gone. */
  readonly #owned = new Set<number>();

  constructor(project: Project, handlers: JobHandlers) {
    super();
    this.#project = project;
    this.#handlers = handlers;
    // Jobs left 'running' are only known to be dead when no live process holds the lease.
    if (this.#takeLease()) {
      for (const job of project.jobs.list()) if (job.state === 'queued') this.#owned.add(job.id);
      this.#pump();
    }
  }

  enqueue<K extends JobKind>(kind: K, params: JobParams<K>): JobOf<K> {
    const job = this.#project.jobs.create(kind, params);
    this.#owned.add(job.id);
    this.emit('updated', job);
    this.#pump();
    // The row just written for `kind`; the store reads rows back as a job of any kind.
    return job as JobOf<K>;
  }

  cancel(id: number): Job {
    const job = this.#project.jobs.get(id);
    if (job.state === 'queued') return this.#set(id, { state: 'cancelled', message: 'cancelled before it started' });
    if (job.state === 'running' && this.#running?.id === id) {
      if (this.#running.controller.signal.aborted) return job;
      this.#running.controller.abort();
      return this.#set(id, { message: 'cancelling…' });
    }
    if (job.state === 'running') throw conflict(`job ${id} is running in another process (${this.#holderNote()}); cancel it there`);
    throw conflict(`job ${id} is ${job.state}; only queued or running jobs can be cancelled`);
  }

  restart(id: number): Job {
    const job = this.#project.jobs.get(id);
    if (!['failed', 'cancelled', 'interrupted'].includes(job.state)) {
      throw conflict(`job ${id} is ${job.state}; only failed, cancelled or interrupted jobs can be restarted`);
    }
    const updated = this.#set(id, { state: 'queued', progress: 0, message: 'restarted' });
    this.#owned.add(id);
    this.#pump();
    return updated;
  }

  /** Resolves when nothing is queued or running. */
  async whenIdle(): Promise<void> {
    while (this.#current) await this.#current;
  }

  dispose(): void {
    this.#disposed = true;
    this.#running?.controller.abort();
    if (!this.#running) this.#releaseLease();
    this.clear();
  }

  #set(id: number, patch: Parameters<Project['jobs']['update']>[1]): Job {
    const job = this.#project.jobs.update(id, patch);
    this.emit('updated', job);
    return job;
  }

  #pump(): void {
    if (this.#current || this.#disposed) return;
    this.#current = this.#drain().finally(() => {
      this.#current = null;
      // A job queued while the loop was finishing would otherwise wait for the next enqueue.
      if (!this.#disposed && this.#nextOwned()) this.#pump();
    });
  }

  async #drain(): Promise<void> {
    let waitingFor = '';
    for (;;) {
      const next = this.#disposed ? null : this.#nextOwned();
      if (!next) break;
      if (!this.#lease && !this.#takeLease()) {
        const note = `waiting: ${this.#holderNote()} is running jobs on this project`;
        if (note !== waitingFor) this.#set(next.id, { message: (waitingFor = note) });
        await new Promise((r) => setTimeout(r, LEASE_POLL_MS));
        continue;
      }
      await this.#run(next);
    }
    this.#releaseLease();
  }

  #nextOwned(): Job | null {
    for (const id of [...this.#owned].sort((a, b) => a - b)) {
      const job = this.#project.jobs.get(id);
      if (job.state === 'queued') return job;
      this.#owned.delete(id);
    }
    return null;
  }

  /** Takes the lease if it is free or its holder is gone; what was left running is then interrupted. */
  #takeLease(): boolean {
    const got = tryAcquireLease(this.#project.path, processLabel());
    if (!('release' in got)) return false;
    this.#lease = got;
    for (const job of this.#project.jobs.markInterrupted()) this.emit('updated', job);
    return true;
  }

  #releaseLease(): void {
    this.#lease?.release();
    this.#lease = null;
  }

  #holderNote(): string {
    const got = readHolder(this.#project.path);
    return got ? describeHolder(got) : 'another process';
  }

  async #run(job: Job): Promise<void> {
    const controller = new AbortController();
    this.#running = { id: job.id, controller };
    this.#set(job.id, { state: 'running', progress: 0, message: 'starting', stages: null, etaSeconds: null });
    let lastPersist = 0;
    const started = Date.now();
    // A resumed job starts part-way: the rate counts from its first report.
    let startFraction: number | null = null;
    const ctx: TaskContext = {
      signal: controller.signal,
      progress: (fraction, message, stages) => {
        const now = Date.now();
        const progress = Math.max(0, Math.min(1, fraction));
        startFraction ??= progress;
        const etaSeconds = etaFrom(progress - startFraction, 1 - progress, (now - started) / 1000);
        const live = { ...job, state: 'running' as const, progress, message: message ?? job.message, stages: stages ?? job.stages, etaSeconds };
        job = live;
        if (now - lastPersist >= PERSIST_EVERY_MS) {
          lastPersist = now;
          this.#project.jobs.update(job.id, { progress, message: live.message, stages: live.stages, etaSeconds });
        }
        this.emit('updated', live);
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new CancelledError();
      },
    };
    try {
      const result = await this.#dispatch(job, ctx);
      if (this.#disposed) return;
      this.#set(job.id, { state: 'done', progress: 1, message: 'done', result: result ?? null, stages: job.stages, etaSeconds: null });
    } catch (err) {
      if (this.#disposed) return;
      if (controller.signal.aborted) this.#set(job.id, { state: 'cancelled', message: 'cancelled', stages: job.stages, etaSeconds: null });
      else this.#set(job.id, { state: 'failed', message: err instanceof Error ? err.message : String(err), stages: job.stages, etaSeconds: null });
    }
  }

  /** The row's params are read through its kind's schema: a row from another version fails here, saying why. */
  #dispatch<K extends JobKind>(job: JobOf<K>, ctx: TaskContext): Promise<JobResult<K>> {
    return this.#handlers[job.kind](parseJobParams(job.kind, job.params), ctx);
  }
}

/** Seconds left at the rate seen so far; null until there is enough progress to judge. */
export function etaFrom(done: number, left: number, elapsedSeconds: number): number | null {
  if (done < 0.02 || elapsedSeconds < 1) return null;
  return (elapsedSeconds * left) / done;
}

function readHolder(projectPath: string): LeaseHolder | null {
  const lease = readLease(projectPath);
  return lease.state === 'held' ? lease.holder : null;
}
