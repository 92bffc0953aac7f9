/**
 * Worker thread running leave-one-movie-out folds. It receives the movies once (training samples
 * in SharedArrayBuffers, so seven films' descriptors are not copied per worker), reopens the
 * project for full-rate test reads, then runs one fold per message and posts the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../../ml/backend.js';
import { setNativeProducts } from '../../ml/native-products.js';
import { Project } from '../../store/project.js';
import { exitOnStop, type STOP } from '../../util/stop-worker.js';
import { standaloneContext } from '../../util/task-context.js';
import type { EvalMovie } from '../../valence/data/eval-movie.js';
import type { Modality, SemanticsSource } from '../../valence/data/modalities.js';
import { runFold, type FoldSpec } from '../../valence/training/fold.js';
import type { LabelChoice } from '../../contract/traces.js';
import { movieInputs, readFrames } from './valence-inputs.js';

export type WorkerMovie = Omit<EvalMovie, 'read'>;
/** Where the movies' full-rate rows come from, so a worker can reopen them. */
export interface FoldSource {
  projectPath: string;
  modalities: Modality[];
  semantics: SemanticsSource;
  labels: LabelChoice;
}
/** nativeProducts: the main thread's products switch (ml/native-products.ts), followed here. */
export type WorkerData = { movies: WorkerMovie[]; source: FoldSource; nativeProducts: boolean };
export type ToWorker = { type: 'fold'; job: number; spec: FoldSpec };
export type FromWorker =
  | { type: 'progress'; job: number; fraction: number; message: string }
  | { type: 'done'; job: number; result: Awaited<ReturnType<typeof runFold>> }
  | { type: 'failed'; job: number; message: string };

const port = parentPort!;
const { movies, source, nativeProducts } = workerData as WorkerData;
setNativeProducts(nativeProducts);
const project = Project.open(source.projectPath, { create: false });
const evalMovies: EvalMovie[] = movies.map((m) => {
  const inputs = movieInputs(project, m.id, source.modalities, source.semantics, source.labels);
  return { ...m, read: (from, to, stride) => readFrames(project, inputs, source.modalities, { from, to, stride }) };
});
const ready = initBackend();
// Asked to stop (the pool is done or cancelled), the fold in flight is cancelled and the thread exits.
const cancel = new AbortController();
const stop = exitOnStop(port, () => cancel.abort());

port.on('message', (msg: ToWorker | typeof STOP) => {
  if (msg.type !== 'fold') return;
  const post = (m: FromWorker) => port.postMessage(m);
  void stop.task(async () => {
    await ready;
    try {
      const ctx = standaloneContext((fraction, message) => post({ type: 'progress', job: msg.job, fraction, message }), cancel.signal);
      post({ type: 'done', job: msg.job, result: await runFold(msg.spec, evalMovies, ctx) });
    } catch (err) {
      post({ type: 'failed', job: msg.job, message: err instanceof Error ? err.message : String(err) });
    }
  });
});
