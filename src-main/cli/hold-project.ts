/**
 * A CLI command that stores outside the job queue (import, which must leave no job row behind when it
 * refuses a film) takes the project's job-runner lease too, so it never writes while an analysis runs
 * in the app or another terminal; while another process holds it, it waits and says who.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describeHolder, processLabel, tryAcquireLease } from '../store/lease.js';

const POLL_MS = 1_000;

export async function holdingProject<T>(projectPath: string, fn: () => Promise<T>): Promise<T> {
  let told = false;
  for (;;) {
    const got = tryAcquireLease(projectPath, processLabel());
    if ('release' in got) {
      try {
        return await fn();
      } finally {
        got.release();
      }
    }
    if (!told) process.stderr.write(`waiting: ${describeHolder(got)} is running jobs on this project; this starts when it is done (Ctrl-C to stop)\n`);
    told = true;
    await sleep(POLL_MS);
  }
}
