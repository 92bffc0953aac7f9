/**
 * Picks and starts the TensorFlow.js backend for the main process, once. The native binding
 * (`@tensorflow/tfjs-node`) is used when it is installed; otherwise the bundled wasm backend, with
 * its .wasm files read from node_modules so nothing is ever downloaded; the pure-JS cpu backend is
 * the last resort. Training works on all three because the gradient kernels wasm lacks or runs
 * slowly are replaced here (wasm-grad-kernels.ts, wasm-matmul-kernel.ts, wasm-copy-kernels.ts), and
 * the fused layer norm's kernels (wasm-layer-norm.ts) are added; and the tensors a backward pass
 * keeps are shared rather than copied (lean-tape.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
// Training needs every op's gradient: tfjs-core leaves registering them to its importer, and the
// layers bundle registers them all in tfjs's global registry when it loads.
import '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradKernels } from './wasm-grad-kernels.js';
import { registerWasmMatMulKernel } from './wasm-matmul-kernel.js';
import { registerWasmCopyKernels } from './wasm-copy-kernels.js';
import { registerWasmLayerNormKernels } from './wasm-layer-norm.js';
import { shareSavedTensors } from './lean-tape.js';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendOptions {
  /** Force one backend (tests compare backends); by default the fastest that loads. */
  prefer?: BackendName;
}

let ready: Promise<BackendName> | null = null;

/** Resolves with the active backend's name; concurrent and repeated calls share one start-up. */
export function initBackend(options: BackendOptions = {}): Promise<BackendName> {
  if (options.prefer) return start([options.prefer]);
  ready ??= start(['tensorflow', 'wasm', 'cpu']);
  return ready;
}

async function start(order: BackendName[]): Promise<BackendName> {
  const failures: string[] = [];
  for (const name of order) {
    try {
      if (await tryBackend(name)) return name;
      failures.push(`${name}: not available`);
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start (${failures.join('; ')})`);
}

async function tryBackend(name: BackendName): Promise<boolean> {
  if (name === 'tensorflow') {
    // A variable specifier keeps bundlers and tsc from requiring the optional native package.
    const optional = '@tensorflow/tfjs-node';
    try {
      await import(optional);
    } catch {
      return false;
    }
  } else if (name === 'wasm') {
    setWasmPaths(wasmDistFolder());
    registerWasmGradKernels();
    registerWasmMatMulKernel();
    registerWasmCopyKernels();
    registerWasmLayerNormKernels();
  } else {
    await import('@tensorflow/tfjs-backend-cpu');
  }
  if (!tf.findBackendFactory(name)) return false;
  const ok = await tf.setBackend(name);
  if (ok) {
    await tf.ready();
    shareSavedTensors();
  }
  return ok && tf.getBackend() === name;
}

/** The folder holding tfjs-backend-wasm's .wasm binaries, as a file path ending in a separator. */
export function wasmDistFolder(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  // `main` points into dist/ (dist/tf-backend-wasm.node.js); the binaries sit beside it.
  return path.dirname(main) + path.sep;
}
