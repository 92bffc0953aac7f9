import type { JobState } from '../../contract/domain.js';
import type { Job, JobKind } from '../../contract/jobs.js';
import { notFound } from '../../contract/errors.js';
import type { Db } from '../db.js';

interface JobRow {
  id: number;
  kind: string;
  state: JobState;
  progress: number;
  message: string;
  params: string;
  result: string | null;
  stages: string | null;
  eta_seconds: number | null;
  created_at: string;
  updated_at: string;
}

// Rows are written by the queue's typed enqueue; the queue checks params against the kind before running.
const toJob = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind as JobKind,
  state: r.state,
  progress: r.progress,
  message: r.message,
  params: JSON.parse(r.params),
  result: r.result === null ? null : JSON.parse(r.result),
  stages: r.stages === null ? null : JSON.parse(r.stages),
  etaSeconds: r.eta_seconds,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface JobPatch {
  state?: JobState;
  progress?: number;
  message?: string;
  result?: unknown;
  stages?: Record<string, number> | null;
  /** null clears it (a finished or restarted job has no estimate). */
  etaSeconds?: number | null;
}

export class JobsRepo {
  readonly #insert;
  readonly #get;
  readonly #list;
  readonly #update;
  readonly #interrupt;
  readonly #nextQueued;

  constructor(db: Db) {
    this.#insert = db.prepare<[string, string]>("INSERT INTO jobs (kind, state, params) VALUES (?, 'queued', ?)");
    this.#get = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?');
    this.#list = db.prepare<[], JobRow>('SELECT * FROM jobs ORDER BY id DESC LIMIT 200');
    this.#update = db.prepare(
      `UPDATE jobs SET state = coalesce(@state, state), progress = coalesce(@progress, progress),
         message = coalesce(@message, message), result = coalesce(@result, result),
         stages = CASE WHEN @setStages THEN @stages ELSE stages END,
         eta_seconds = CASE WHEN @setEta THEN @eta ELSE eta_seconds END,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`,
    );
    this.#interrupt = db.prepare<[], JobRow>(
      "UPDATE jobs SET state = 'interrupted', message = 'interrupted: the process running this job stopped', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE state = 'running' RETURNING *",
    );
    this.#nextQueued = db.prepare<[], JobRow>("SELECT * FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1");
  }

  create(kind: string, params: unknown): Job {
    return this.get(Number(this.#insert.run(kind, JSON.stringify(params)).lastInsertRowid));
  }

  get(id: number): Job {
    const row = this.#get.get(id);
    if (!row) throw notFound(`no job ${id} in this project`);
    return toJob(row);
  }

  list(): Job[] {
    return this.#list.all().map(toJob);
  }

  update(id: number, patch: JobPatch): Job {
    this.#update.run({
      id,
      state: patch.state ?? null,
      progress: patch.progress ?? null,
      message: patch.message ?? null,
      result: patch.result === undefined ? null : JSON.stringify(patch.result),
      setStages: patch.stages === undefined ? 0 : 1,
      stages: patch.stages ? JSON.stringify(patch.stages) : null,
      setEta: patch.etaSeconds === undefined ? 0 : 1,
      eta: patch.etaSeconds ?? null,
    });
    return this.get(id);
  }

  /**
   * Jobs left 'running' by a crash or kill are marked interrupted; returns them. Only the holder of
   * the project's lease may call this (another process's jobs would look dead too).
   */
  markInterrupted(): Job[] {
    return this.#interrupt.all().map(toJob);
  }

  nextQueued(): Job | null {
    const row = this.#nextQueued.get();
    return row ? toJob(row) : null;
  }
}
