/**
 * `node scripts/build-flow-wasm.mjs [--check]`: compiles the AssemblyScript in
 * src-main/motion/flow-wasm/*.as (entry farneback.as) into the committed farneback-wasm.ts next to
 * it, the .wasm as base64, so tsc's dist-main and tsx load it alike. --check writes nothing and
 * fails when the committed module differs from what the sources compile to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { wasmModuleText, writeOrCheck } from './wasm-module.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src-main', 'motion', 'flow-wasm');
const target = path.join(dir, 'farneback-wasm.ts');

/** The text of farneback-wasm.ts for the current .as sources (the same bytes on every run). */
export async function flowWasmModule() {
  // asc wants .ts names; the sources are kept as .as so the app's tsc does not read them.
  const sources = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.as')).map((f) => [f.replace(/\.as$/, '.ts'), readFileSync(path.join(dir, f), 'utf8')]));
  const written = {};
  const { error, stderr } = await asc.main(
    ['farneback.ts', '--outFile', 'farneback.wasm', '--optimizeLevel', '3', '--shrinkLevel', '0', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--use', 'abort='],
    { readFile: (name) => sources[name] ?? null, writeFile: (name, data) => void (written[name] = data), listFiles: () => [] },
  );
  if (error || !written['farneback.wasm']) throw new Error(`the flow wasm did not compile: ${error?.message ?? ''}\n${stderr.toString()}`);
  return wasmModuleText('scripts/build-flow-wasm.mjs from the .as files beside it', 'FARNEBACK_WASM_BASE64', written['farneback.wasm']);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeOrCheck(target, await flowWasmModule(), 'npm run build:flow-wasm');
}
