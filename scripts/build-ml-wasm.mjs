/**
 * `node scripts/build-ml-wasm.mjs [--check]`: compiles the wasm backend's own kernels,
 * src-main/ml/wasm-*.as (AssemblyScript), into the committed wasm-*-binary.ts beside each, the .wasm
 * as base64. The modules import their memory (they run on the wasm backend's heap), so they must
 * keep no data segment or start function: the build fails if one grows either. --check writes
 * nothing and fails when a committed module differs from what its source compiles to.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { wasmModuleText, writeOrCheck } from './wasm-module.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src-main', 'ml');

/** Source name (without .as) → the constant its binary module exports. */
export const ML_WASM_MODULES = { 'wasm-batch-matmul': 'BATCH_MATMUL_WASM_BASE64', 'wasm-layer-norm': 'LAYER_NORM_WASM_BASE64', 'wasm-adam': 'ADAM_WASM_BASE64', 'wasm-permute': 'PERMUTE_WASM_BASE64' };

export const binaryPath = (name) => path.join(dir, `${name}-binary.ts`);

/** Section ids of a wasm binary, in order. */
function sectionIds(binary) {
  const ids = [];
  for (let i = 8; i < binary.length; ) {
    ids.push(binary[i++]);
    let size = 0;
    for (let shift = 0, byte = 128; byte & 128; shift += 7) {
      byte = binary[i++];
      size |= (byte & 127) << shift;
    }
    i += size;
  }
  return ids;
}

/** The text of `${name}-binary.ts` for the current source (the same bytes on every run). */
export async function mlWasmModule(name) {
  // asc wants a .ts name; the sources are kept as .as so the app's tsc does not read them.
  const { binary, error, stderr } = await asc.compileString(
    { [`${name}.ts`]: readFileSync(path.join(dir, `${name}.as`), 'utf8') },
    { optimizeLevel: 3, shrinkLevel: 0, runtime: 'stub', noAssert: true, enable: ['simd'], use: ['abort='], importMemory: true },
  );
  if (error || !binary) throw new Error(`${name}.as did not compile: ${error?.message ?? ''}\n${stderr.toString()}`);
  const DATA = 11;
  const START = 8;
  if (sectionIds(binary).some((id) => id === DATA || id === START)) throw new Error(`${name}.as must not write memory on start (a data segment or start function appeared)`);
  return wasmModuleText(`scripts/build-ml-wasm.mjs from ${name}.as`, ML_WASM_MODULES[name], binary);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const name of Object.keys(ML_WASM_MODULES)) writeOrCheck(binaryPath(name), await mlWasmModule(name), 'npm run build:ml-wasm');
}
