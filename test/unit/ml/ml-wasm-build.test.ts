/** The committed wasm-*-binary.ts modules of src-main/ml are what their AssemblyScript sources compile to. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const hasAsc = existsSync(new URL('../../../node_modules/assemblyscript', import.meta.url));

interface Build {
  ML_WASM_MODULES: Record<string, string>;
  binaryPath(name: string): string;
  mlWasmModule(name: string): Promise<string>;
}

test('each committed kernel binary is what its .as source compiles to', { skip: !hasAsc && 'assemblyscript is not installed' }, async () => {
  const build = (await import(new URL('../../../scripts/build-ml-wasm.mjs', import.meta.url).href)) as Build;
  for (const name of Object.keys(build.ML_WASM_MODULES)) {
    assert.equal(await build.mlWasmModule(name), readFileSync(build.binaryPath(name), 'utf8'), `${name}-binary.ts is stale: run node scripts/build-ml-wasm.mjs`);
  }
});
