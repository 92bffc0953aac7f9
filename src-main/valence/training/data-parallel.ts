/**
 * Data-parallel training steps on worker threads (TrainOptions.workers > 1). TF.js wasm computes on
 * one thread, so a second core can only help by holding a second copy of the model: each batch is
 * gathered once by the main thread into shared memory, cut into contiguous shares, and every
 * thread (the main one included) computes the gradient of its share. The main thread adds the
 * shares' gradients in a fixed order into a shared vector and every replica applies the same Adam
 * update from it, so all copies keep bit-identical weights and the main thread's model is the
 * trained one. Exchanged per step: one float32 gradient per worker (0.6 MB for Fea-TF SCMA).
 */
import type { Worker } from 'node:worker_threads';
import { nativeProductsWanted, type ProductEngine } from '../../ml/native-products.js';
import { spawnWorker } from '../../util/spawn-worker.js';
import { stopWorker } from '../../util/stop-worker.js';
import type { ForwardMode } from '../model/layers.js';
import type { ValenceModel } from '../model/model.js';
import type { ValenceModelConfig } from '../model/model-config.js';
import type { WeightManifestEntry } from '../model/params.js';
import type { Adam, AdamOptions } from './adam.js';
import { batchRows, flatGradient } from './step.js';

export interface ReplicaData {
  config: ValenceModelConfig;
  manifest: WeightManifestEntry[];
  weights: Float32Array;
  adam: AdamOptions;
  seed: number;
  /** This thread's products switch, for the replicas to follow (where they can load ONNX Runtime). */
  nativeProducts: boolean;
  /** Per input group, the gathered batch (batchSize × window × width floats). */
  inputs: SharedArrayBuffer[];
  /** This worker's gradient. */
  slot: SharedArrayBuffer;
  /** The summed gradient every replica applies. */
  total: SharedArrayBuffer;
}
export type ToReplica = { type: 'step'; from: number; to: number; over: number; classes: Int32Array } | { type: 'apply' };
export type FromReplica = { type: 'ready' } | { type: 'grads'; loss: number; products: ProductEngine[] } | { type: 'failed'; message: string };

/** Row ranges of a batch of `rows` cut into `parts` contiguous shares, sizes differing by at most one. */
export function shares(rows: number, parts: number): [number, number][] {
  return Array.from({ length: parts }, (_, k) => [Math.floor((k * rows) / parts), Math.floor(((k + 1) * rows) / parts)]);
}

/** A worker's next message as a promise; a crash or an exit rejects it. */
class Replica {
  readonly worker: Worker;
  #waiting: { resolve: (m: FromReplica) => void; reject: (e: Error) => void } | null = null;
  #failure: Error | null = null;

  constructor(data: ReplicaData) {
    this.worker = spawnWorker(import.meta.url, 'replica-worker', data);
    this.worker.on('message', (m: FromReplica) => {
      const w = this.#waiting;
      this.#waiting = null;
      if (m.type === 'failed') w?.reject(new Error(`training replica failed: ${m.message}`));
      else w?.resolve(m);
    });
    const fail = (err: Error) => {
      this.#failure = err;
      this.#waiting?.reject(err);
      this.#waiting = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`training replica exited (code ${code})`)));
  }

  next(): Promise<FromReplica> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }
}

export class DataParallel {
  readonly #model: ValenceModel;
  readonly #adam: Adam;
  readonly #replicas: Replica[];
  readonly #slots: Float32Array[];
  readonly #total: Float32Array;
  readonly #products = new Set<ProductEngine>();
  /** Gather the batch into these: the workers read the same memory. */
  readonly inputs: Float32Array[];

  private constructor(model: ValenceModel, adam: Adam, replicas: Replica[], data: ReplicaData[], inputs: Float32Array[]) {
    this.#model = model;
    this.#adam = adam;
    this.#replicas = replicas;
    this.#slots = data.map((d) => new Float32Array(d.slot));
    this.#total = new Float32Array(data[0].total);
    this.inputs = inputs;
  }

  /** `workers` threads in all, the calling one included; resolves once every replica is built. */
  static async start(model: ValenceModel, adam: Adam, adamOptions: AdamOptions, workers: number, batchSize: number, seed: number): Promise<DataParallel> {
    const size = model.params.list().reduce((n, v) => n + v.size, 0);
    const inputs = model.groups.map((g) => new SharedArrayBuffer(4 * batchSize * g.window * g.width));
    const total = new SharedArrayBuffer(4 * size);
    const weights = model.params.snapshot();
    const data = Array.from({ length: workers - 1 }, (_, k): ReplicaData => ({
      config: model.config,
      manifest: model.params.manifest(),
      weights,
      adam: adamOptions,
      seed: seed + 1 + k,
      nativeProducts: nativeProductsWanted(),
      inputs,
      slot: new SharedArrayBuffer(4 * size),
      total,
    }));
    const replicas = data.map((d) => new Replica(d));
    try {
      await Promise.all(replicas.map((r) => r.next()));
    } catch (err) {
      await Promise.all(replicas.map((r) => stopWorker(r.worker)));
      throw err;
    }
    return new DataParallel(model, adam, replicas, data, inputs.map((b) => new Float32Array(b)));
  }

  /**
   * One update from a batch of `rows`; returns its mean loss. `gather(from, to)` writes those rows of
   * the batch into `inputs`: each replica's share is gathered and sent before the next is, and this
   * thread's own share last, so no replica waits for rows it does not read.
   */
  async step(rows: number, classes: Int32Array, mode: ForwardMode, gather: (from: number, to: number) => void): Promise<number> {
    const [[from, to], ...rest] = shares(rows, this.#replicas.length + 1);
    // A batch smaller than the replicas leaves some shares empty: those replicas sit this gradient out.
    const busy = this.#replicas.map((_, k) => rest[k][1] > rest[k][0]);
    const replies: Promise<FromReplica>[] = [];
    // Every reply is awaited even when this thread's work fails: a rejection left unawaited would end the process.
    let settled: Promise<PromiseSettledResult<FromReplica>[]> | null = null;
    let own: { loss: number; grad: Float32Array } | null = null;
    try {
      this.#replicas.forEach((r, k) => {
        if (!busy[k]) return void replies.push(Promise.resolve({ type: 'grads', loss: 0, products: [] }));
        const [f, t] = rest[k];
        gather(f, t);
        replies.push(r.next());
        r.worker.postMessage({ type: 'step', from: f, to: t, over: rows, classes: classes.slice(f, t) } satisfies ToReplica);
      });
      settled = Promise.allSettled(replies);
      if (to > from) {
        gather(from, to);
        own = flatGradient(this.#model, batchRows(this.#model, this.inputs, from, to), to - from, classes.subarray(from, to), rows, mode);
      }
    } finally {
      settled ??= Promise.allSettled(replies);
      await settled;
    }
    let loss = own?.loss ?? 0;
    for (const reply of await settled) {
      if (reply.status === 'rejected') throw reply.reason;
      const grads = reply.value as Extract<FromReplica, { type: 'grads' }>;
      loss += grads.loss;
      for (const e of grads.products) this.#products.add(e);
    }
    const total = this.#total;
    if (own) total.set(own.grad);
    else total.fill(0);
    this.#slots.forEach((slot, k) => {
      if (busy[k]) for (let i = 0; i < total.length; i++) total[i] += slot[i];
    });
    for (const r of this.#replicas) r.worker.postMessage({ type: 'apply' } satisfies ToReplica);
    this.#adam.applyFlat(total);
    return loss;
  }

  /** The engines the replicas computed their products on (see productsRan in ml/native-products.ts). */
  productsRan(): ProductEngine[] {
    return [...this.#products];
  }

  async close(): Promise<void> {
    await Promise.all(this.#replicas.map((r) => stopWorker(r.worker)));
  }
}
