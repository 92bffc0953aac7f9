/**
 * Tensors saved for the backward pass are shared without a kernel. tfjs-core's engine keeps every
 * input or output a gradient will need by "cloning" it: an Identity kernel run plus a tape node of
 * its own, ~220 of them in a Fea-TF SCMA training step, each paying the engine's per-kernel
 * bookkeeping. Identity shares the buffer by reference count anyway (the cpu backend's, and ours on
 * wasm: wasm-copy-kernels.ts), and tensors are never written in place, so sharing is safe on every
 * backend. The clones' tape nodes only matter for gradients of gradients, which nothing here takes.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-core's Engine (4.x) this replaces and uses. */
interface EngineInternals {
  saveTensorsForBackwardMode?: (tensors: tf.Tensor[]) => tf.Tensor[];
  state: { tensorInfo: WeakMap<object, { backend: tf.KernelBackend }> };
  keep<T extends tf.Tensor>(t: T): T;
  makeTensorFromTensorInfo(info: tf.TensorInfo, backend: tf.KernelBackend): tf.Tensor;
}

let cloning: EngineInternals['saveTensorsForBackwardMode'] | null = null;

/**
 * On by default at start-up (backend.ts); off puts tfjs's cloning back (tests compare the two).
 * Leaves the engine as it is, and returns false, if its internals are not the ones this was written for.
 */
export function shareSavedTensors(on = true): boolean {
  const engine = tf.engine() as unknown as EngineInternals;
  if (typeof engine.saveTensorsForBackwardMode !== 'function' || !(engine.state?.tensorInfo instanceof WeakMap)) return false;
  cloning ??= engine.saveTensorsForBackwardMode;
  if (!on) {
    engine.saveTensorsForBackwardMode = cloning;
    return true;
  }
  engine.saveTensorsForBackwardMode = function (this: EngineInternals, tensors: tf.Tensor[]): tf.Tensor[] {
    return tensors.map((t) => {
      const { backend } = this.state.tensorInfo.get(t.dataId)!;
      backend.incRef(t.dataId);
      return this.keep(this.makeTensorFromTensorInfo({ dataId: t.dataId, shape: t.shape, dtype: t.dtype }, backend));
    });
  };
  return true;
}
