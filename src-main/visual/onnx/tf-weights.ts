/**
 * The constants of a TF.js graph model as plain arrays, read from its concatenated weight shards
 * without TF.js (no backend has to start for a model ONNX Runtime will run). Float16-quantized
 * weights are expanded exactly, as TF.js expands them, so both runtimes see the same numbers.
 */
import type { io } from '@tensorflow/tfjs-core';
import { decodeHalf } from '../../util/float16.js';

export interface TfConst {
  shape: number[];
  values: Float32Array | Int32Array;
}

/** Bytes per stored element, by the stored dtype; affine uint8/uint16 quantization is not read (no bundled model uses it). */
const STORED_BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2 };

export function decodeTfWeights(weightData: ArrayBuffer, specs: io.WeightsManifestEntry[]): Map<string, TfConst> {
  const out = new Map<string, TfConst>();
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const stored = spec.quantization?.dtype ?? spec.dtype;
    const bytes = STORED_BYTES[stored];
    if (bytes === undefined) throw new Error(`weight ${spec.name} is stored as ${stored}, which the ONNX converter cannot read`);
    if (offset + size * bytes > weightData.byteLength) throw new Error(`weight ${spec.name} runs past the end of the weight data`);
    const raw = weightData.slice(offset, offset + size * bytes);
    offset += size * bytes;
    out.set(spec.name, { shape: spec.shape, values: expand(spec, raw) });
  }
  return out;
}

function expand(spec: io.WeightsManifestEntry, raw: ArrayBuffer): Float32Array | Int32Array {
  if (spec.quantization?.dtype === 'float16') return decodeHalf(new Uint16Array(raw));
  return spec.dtype === 'int32' ? new Int32Array(raw) : new Float32Array(raw);
}
