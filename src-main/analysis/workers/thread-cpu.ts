/**
 * CPU time of the calling thread, so the analysis can say which stage on which thread spent what.
 * process.cpuUsage() is the whole process's (every worker and native pool together), which cannot
 * tell the main thread from a worker; Linux keeps each thread's own run time, in nanoseconds, in
 * /proc/thread-self/schedstat, read here by the thread itself (a synchronous read runs on the
 * calling thread). Elsewhere the process figure is the best there is, and is labelled so.
 */
import { readFileSync } from 'node:fs';

const SCHEDSTAT = '/proc/thread-self/schedstat';

let perThread: boolean | null = null;

/** Whether threadCpuSeconds measures this thread alone (Linux) or the whole process. */
export function threadCpuIsPerThread(): boolean {
  if (perThread === null) {
    try {
      perThread = Number.isFinite(schedstatSeconds());
    } catch {
      perThread = false;
    }
  }
  return perThread;
}

/** Seconds of CPU the calling thread has used (the process's, where threads are not told apart). */
export function threadCpuSeconds(): number {
  if (threadCpuIsPerThread()) return schedstatSeconds();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function schedstatSeconds(): number {
  return Number(readFileSync(SCHEDSTAT, 'utf8').split(' ', 1)[0]) / 1e9;
}
