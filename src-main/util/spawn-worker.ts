/**
 * Starts a worker entry file that sits beside the caller: the .ts source under tsx (tests, scripts,
 * benchmarks) or the compiled .js (the app). Worker entry points bypass tsx's --import hook, so the
 * eval shim registers tsx inside the worker before importing the entry.
 */
import { Worker } from 'node:worker_threads';

/** `entry` is the file's name without extension, resolved against `callerUrl` (the caller's import.meta.url). */
export function spawnWorker(callerUrl: string, entry: string, workerData: unknown): Worker {
  const dev = callerUrl.endsWith('.ts');
  const url = new URL(`./${entry}${dev ? '.ts' : '.js'}`, callerUrl).href;
  const tsx = dev ? import.meta.resolve('tsx/esm/api') : null;
  const code = tsx ? `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(url)}); })` : `import(${JSON.stringify(url)})`;
  return new Worker(code, { eval: true, workerData, name: entry });
}
