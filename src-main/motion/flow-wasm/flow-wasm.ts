/** The compiled Farneback WebAssembly (the .as files here), one instance per caller, each with its own memory. */
import { FARNEBACK_WASM_BASE64 } from './farneback-wasm.js';

/** farneback.as's exports; addresses are byte offsets into `memory`. */
export interface FlowWasm {
  memory: WebAssembly.Memory;
  setup(width: number, height: number, levels: number, polyN: number, winSize: number, iterations: number, kernelTaps: number): number;
  planBytes(levels: number): number;
  allocate(): void;
  framePtr(): number;
  flowPtr(): number;
  expand(): void;
  advance(): void;
  flow(): void;
}

let compiled: WebAssembly.Module | null = null;

export function instantiateFlowWasm(): FlowWasm {
  // A few kilobytes: compiling synchronously is quicker than the promise round trip.
  compiled ??= new WebAssembly.Module(Buffer.from(FARNEBACK_WASM_BASE64, 'base64'));
  return new WebAssembly.Instance(compiled, {}).exports as unknown as FlowWasm;
}
