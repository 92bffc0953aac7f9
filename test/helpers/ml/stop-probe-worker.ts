/**
 * A worker for test/unit/ml/stop-worker.test.ts. Modes: 'idle' waits for messages; 'busy' runs
 * ONNX Runtime products (TF.js on the wasm backend) in a task until cancelled; 'deaf' ignores STOP.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { nativeProductsActive } from '../../../src-main/ml/native-products.js';
import { exitOnStop } from '../../../src-main/util/stop-worker.js';

const port = parentPort!;
const mode = workerData as 'idle' | 'busy' | 'deaf';
await initBackend({ prefer: 'wasm' });
if (mode === 'deaf') {
  port.on('message', () => {});
  port.postMessage({ native: false });
} else {
  let cancelled = false;
  const stop = exitOnStop(port, () => (cancelled = true));
  port.postMessage({ native: nativeProductsActive() });
  if (mode === 'busy') {
    const a = tf.randomNormal([256, 256]);
    void stop.task(async () => {
      while (!cancelled) {
        tf.tidy(() => tf.matMul(a, a, false, true).dataSync());
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
  }
}
