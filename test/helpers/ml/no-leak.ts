import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `step` twice and checks the second run leaves as many tensors and backend buffers as the
 * first: our wasm kernels make scratch buffers the engine does not see, so both are counted.
 */
export function assertStepLeaksNothing(step: () => void): void {
  const backend = tf.backend() as unknown as { numDataIds(): number };
  step(); // the engine keeps a few constants made on first use
  const tensors = tf.memory().numTensors;
  const buffers = backend.numDataIds();
  step();
  assert.equal(tf.memory().numTensors, tensors);
  assert.equal(backend.numDataIds(), buffers);
}
