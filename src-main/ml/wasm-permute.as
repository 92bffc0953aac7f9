// AssemblyScript: transposes that keep the last axis in place (an attention's head split and
// merge, [b, t, h, d] ↔ [b, h, t, d], and their gradients) for the wasm backend (wasm-copy-kernels.ts),
// compiled by scripts/build-ml-wasm.mjs into wasm-permute-binary.ts with tfjs's own memory imported.
// Whole runs of the last axis move with memory.copy; tfjs's Transpose moves one element at a time.
// No data segment, start function or allocator: it touches only the bytes passed in.

/**
 * out[i0, i1, i2, :] = x[i0·s0 + i1·s1 + i2·s2 + :], for out's leading dims d0 × d1 × d2 and runs of
 * `run` elements of `bytes` bytes; s0..s2 are x's strides (in elements) of the axes out's follow.
 */
export function permuteRuns(x: usize, out: usize, d0: i32, d1: i32, d2: i32, s0: i32, s1: i32, s2: i32, run: i32, bytes: i32): void {
  const width: usize = <usize>(run * bytes);
  // Short runs (an attention head's 16 floats) move faster as vector loads and stores than as
  // memory.copy calls, which cost a call each.
  const vectors = (width & 15) == 0 && width <= 256;
  let to = out;
  for (let i0 = 0; i0 < d0; i0++) {
    for (let i1 = 0; i1 < d1; i1++) {
      const base = i0 * s0 + i1 * s1;
      for (let i2 = 0; i2 < d2; i2++) {
        const from = x + <usize>((base + i2 * s2) * bytes);
        if (vectors) {
          for (let k: usize = 0; k < width; k += 16) v128.store(to + k, v128.load(from + k));
        } else {
          memory.copy(to, from, width);
        }
        to += width;
      }
    }
  }
}
