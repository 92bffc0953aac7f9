/**
 * Worker thread running leave-one-movie-out folds. It receives the movies once (training samples
 * in SharedArrayBuffers, so seven films' descriptors are not copied per worker), reopens the
 * project for full-rate test reads, then runs one fold per message and posts the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { standaloneContext } from '../util/task-context.js';
import { initBackend } from '../ml/backend.js';
import { Project } from '../store/project.js';
import type { EvalMovie } from './eval-movie.js';
import { runFold, type FoldSpec } from './fold.js';
import { movieInputs, readFrames } from './load-frames.js';

export type WorkerMovie = Omit<EvalMovie, 'read'> & { source: NonNullable<EvalMovie['source']> };
export type ToWorker = { type: 'fold'; job: number; spec: FoldSpec };
export type FromWorker =
  | { type: 'progress'; job: number; fraction: number; message: string }
  | { type: 'done'; job: number; result: Awaited<ReturnType<typeof runFold>> }
  | { type: 'failed'; job: number; message: string };

const port = parentPort!;
const movies = workerData.movies as WorkerMovie[];
const project = Project.open(movies[0].source.projectPath, { create: false });
const evalMovies: EvalMovie[] = movies.map((m) => {
  const inputs = movieInputs(project, m.id, m.source.modalities, m.source.semantics, true);
  return { ...m, read: (from, to, stride) => readFrames(project, inputs, m.source.modalities, { from, to, stride }) };
});
const ready = initBackend();

port.on('message', async (msg: ToWorker) => {
  await ready;
  const post = (m: FromWorker) => port.postMessage(m);
  try {
    const ctx = standaloneContext((fraction, message) => post({ type: 'progress', job: msg.job, fraction, message }));
    post({ type: 'done', job: msg.job, result: await runFold(msg.spec, evalMovies, ctx) });
  } catch (err) {
    post({ type: 'failed', job: msg.job, message: err instanceof Error ? err.message : String(err) });
  }
});
