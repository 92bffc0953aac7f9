/**
 * A command runs its work as the app does: a job on the project's queue, which takes the project's
 * lease itself (while another process holds it, the job's message says who, and it waits). Progress
 * goes to stderr, Ctrl-C cancels the job, and a job that does not finish is the command's error.
 */
import { resolve } from 'node:path';
import { ApiService } from '../api/service.js';
import { isJobOf, type Job, type JobKind, type JobOf, type JobResult } from '../contract/jobs.js';
import { Project } from '../store/project.js';
import { progressPrinter } from './progress.js';

/** The API over an existing project for one command: a mistyped path is refused, never created. */
export async function withProjectApi<T>(projectPath: string, fn: (api: ApiService) => Promise<T>): Promise<T> {
  const project = Project.open(resolve(projectPath), { create: false });
  const api = new ApiService(project);
  try {
    return await fn(api);
  } finally {
    api.dispose();
    project.close();
  }
}

/**
 * Runs the job `start` queues (an API call or an enqueue) to its end. `show` sees its updates once it
 * runs; before that, why it waits is printed as a line of its own.
 */
export async function runJob<K extends JobKind>(
  api: ApiService,
  kind: K,
  start: () => Promise<JobOf<K>> | JobOf<K>,
  show: (job: Job) => void = printProgress(kind),
): Promise<JobResult<K>> {
  let id: number | null = null;
  let waiting = '';
  const off = api.on('job.updated', (job) => {
    // A new job is announced as queued before it can run, and so before `start` returns it.
    if (id === null && job.kind === kind && job.state === 'queued') id = job.id;
    if (job.id !== id) return;
    if (job.state !== 'queued') show(job);
    else if (job.message && job.message !== waiting) process.stderr.write(`${kind}: ${(waiting = job.message)} (Ctrl-C to stop)\n`);
  });
  const cancel = () => {
    try {
      if (id !== null) api.jobs.cancel(id);
    } catch {
      // It finished as the key was pressed: nothing is left to cancel.
    }
  };
  process.once('SIGINT', cancel);
  try {
    const { id: jobId } = await start();
    await api.jobs.whenIdle();
    const done = api.project.jobs.get(jobId);
    if (done.state !== 'done' || !isJobOf(done, kind) || done.result === null) throw new Error(done.message);
    return done.result;
  } finally {
    process.off('SIGINT', cancel);
    off();
  }
}

const printProgress = (label: string) => {
  const print = progressPrinter(label);
  return (job: Job) => print(job.progress, job.message);
};
