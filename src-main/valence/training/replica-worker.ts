/**
 * A worker thread holding one replica of the model being trained (data-parallel.ts). Per step it
 * computes the gradient of its rows of the batch the main thread gathered into shared memory and
 * writes it to its slot; on `apply` it runs the same Adam update from the summed gradient the main
 * thread wrote, so its weights stay bit-identical to the main thread's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../ml/backend.js';
import { productsRan, setNativeProducts } from '../../ml/native-products.js';
import { Rng } from '../../util/random.js';
import { exitOnStop, STOP } from '../../util/stop-worker.js';
import { buildModel } from '../model/build-model.js';
import { unflatten } from '../model/params.js';
import { Adam } from './adam.js';
import { batchRows, flatGradient } from './step.js';
import type { FromReplica, ReplicaData, ToReplica } from './data-parallel.js';

const port = parentPort!;
const d = workerData as ReplicaData;
await initBackend();
setNativeProducts(d.nativeProducts);
const model = buildModel(d.config, new Rng(0), unflatten(d.manifest, d.weights));
const adam = new Adam(model.params.list(), d.adam);
const mode = { training: true, rng: new Rng(d.seed) };
const inputs = d.inputs.map((b) => new Float32Array(b));
const slot = new Float32Array(d.slot);
const total = new Float32Array(d.total);

exitOnStop(port);
port.on('message', (m: ToReplica | typeof STOP) => {
  if (m.type === STOP.type) return;
  try {
    if (m.type === 'apply') {
      adam.applyFlat(total);
      return;
    }
    const { loss, grad } = flatGradient(model, batchRows(model, inputs, m.from, m.to), m.to - m.from, m.classes, m.over, mode);
    slot.set(grad);
    port.postMessage({ type: 'grads', loss, products: productsRan() } satisfies FromReplica);
  } catch (err) {
    port.postMessage({ type: 'failed', message: (err as Error).message } satisfies FromReplica);
  }
});
port.postMessage({ type: 'ready' } satisfies FromReplica);
