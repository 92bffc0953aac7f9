/**
 * Our own WebAssembly kernels for the wasm backend (wasm-*.as, compiled into wasm-*-binary.ts) are
 * instantiated on the backend's own linear memory, so they read and write tensors where they lie:
 * nothing is copied in or out, and a kernel is handed byte offsets into that memory.
 */
import type { TensorInfo, TypedArray } from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's BackendWasm these kernels use (its heap and tensor offsets). */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  disposeData(dataId: object): void;
  typedArrayFromHeap(t: TensorInfo): TypedArray;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  wasm: { asm?: { memory?: WebAssembly.Memory } };
}

/** The backend's linear memory, or null where tfjs's internals have moved (callers fall back to stock kernels). */
export const heapOf = (backend: HeapBackend): WebAssembly.Memory | null => backend.wasm.asm?.memory ?? null;

/** Byte offset of a tensor's data in the backend's memory. */
export const offsetOf = (backend: HeapBackend, t: TensorInfo): number => backend.dataIdMap.get(t.dataId)!.memoryOffset;

/**
 * A compiled module's exports on `memory`, one instance per memory (each worker thread has its own
 * backend). The modules are a few kilobytes: compiling synchronously beats the promise round trip.
 */
export function heapModule<T>(base64: string): (memory: WebAssembly.Memory) => T {
  let compiled: WebAssembly.Module | null = null;
  const instances = new WeakMap<WebAssembly.Memory, T>();
  return (memory) => {
    let exports = instances.get(memory);
    if (!exports) {
      compiled ??= new WebAssembly.Module(Buffer.from(base64, 'base64'));
      exports = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as T;
      instances.set(memory, exports);
    }
    return exports;
  };
}

/**
 * The whole heap as elements of t's 4-byte dtype with t's first element index, for copies between
 * tensors without a view per row (copyWithin); null for other dtypes or an unreachable heap.
 */
export function heapRuns(backend: HeapBackend, t: TensorInfo): { heap: Float32Array | Int32Array; at: number } | null {
  const memory = heapOf(backend);
  if (!memory || (t.dtype !== 'float32' && t.dtype !== 'int32')) return null;
  const heap = t.dtype === 'float32' ? new Float32Array(memory.buffer) : new Int32Array(memory.buffer);
  return { heap, at: offsetOf(backend, t) / 4 };
}
