/** The durable job list, kept current by 'job.updated' pushes. */
import type { ApiTransport } from '../../../src-main/contract/api.js';
import type { Job } from '../../../src-main/contract/jobs.js';
import type { Notices } from './notices.svelte.js';

export const isActive = (j: Job): boolean => j.state === 'queued' || j.state === 'running';
export const canRestart = (j: Job): boolean => j.state === 'interrupted' || j.state === 'failed' || j.state === 'cancelled';

export class Jobs {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  #list = $state.raw<Job[]>([]);

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
  }

  /** Newest first. */
  get list(): readonly Job[] {
    return this.#list;
  }

  async refresh(): Promise<void> {
    try {
      const jobs = await this.#api.call('jobs.list', {});
      this.#list = [...jobs].sort((a, b) => b.id - a.id);
    } catch (err) {
      this.#notices.report(err, 'Loading jobs');
    }
  }

  apply(job: Job): void {
    const rest = this.#list.filter((j) => j.id !== job.id);
    this.#list = [job, ...rest].sort((a, b) => b.id - a.id);
  }

  async cancel(jobId: number): Promise<void> {
    try {
      this.apply(await this.#api.call('jobs.cancel', { jobId }));
    } catch (err) {
      this.#notices.report(err, 'Cancelling the job');
    }
  }

  async restart(jobId: number): Promise<Job | null> {
    try {
      const job = await this.#api.call('jobs.restart', { jobId });
      this.apply(job);
      return job;
    } catch (err) {
      this.#notices.report(err, 'Restarting the job');
      return null;
    }
  }
}
