/** Worker-thread entry: runs one TrainingJob and reports progress, the outcome or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { runTrainingJob, type TrainingJob } from './job.js';

const port = parentPort!;
const controller = new AbortController();
port.on('message', (m: { type: string }) => {
  if (m.type === 'abort') controller.abort();
});
try {
  const outcome = await runTrainingJob(workerData as TrainingJob, (progress) => port.postMessage({ type: 'progress', progress }), controller.signal);
  port.postMessage({ type: 'done', outcome });
} catch (err) {
  const e = err as Error;
  port.postMessage({ type: 'error', name: e.name, message: e.message, stack: e.stack });
}
