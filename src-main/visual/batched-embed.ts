import type { Backbone } from './backbone.js';

/**
 * A backbone's embed over a model that takes at most `maxBatch` frames per call (a fixed batch
 * dimension, or a cap that bounds memory): the frames go through `run` in slices, outputs back to back.
 */
export function batchedEmbed(
  run: (frames: Uint8Array, count: number) => Promise<Float32Array>,
  { inputSize, dims, maxBatch }: { inputSize: number; dims: number; maxBatch: number },
): Backbone['embed'] {
  const frameBytes = inputSize * inputSize * 3;
  return async (frames, count) => {
    const out = new Float32Array(count * dims);
    for (let at = 0; at < count; at += maxBatch) {
      const n = Math.min(maxBatch, count - at);
      out.set(await run(frames.subarray(at * frameBytes, (at + n) * frameBytes), n), at * dims);
    }
    return out;
  };
}
