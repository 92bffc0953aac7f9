// AssemblyScript: the wasm backend's batched products (wasm-batch-matmul.ts), compiled by
// scripts/build-ml-wasm.mjs into wasm-batch-matmul-binary.ts with tfjs's own memory imported,
// so it reads and writes tensors where they lie. It has no data segment, start function or
// allocator: it touches only the bytes passed in.
//
// The sums are those of tfjs-backend-wasm 4.22's slow_batch_matmul, bit for bit: each output adds
// its terms one by one in ascending p from +0, in blocks of 48 whose partial sums are added in turn
// to the output (itself from +0); wasm has no fused multiply-add, so each product is rounded before
// it is added, in the SIMD lanes as in the stock scalar loop. What is faster is only that 4, 8 or 16
// neighbouring outputs of a row are summed side by side in SIMD lanes, and that B is read as rows.

const K_BLOCK: i32 = 48;

/**
 * a: op(A) is [m, k] (A stored [k, m] when transposeA), b: op(B) is [k, n] (B stored [n, k] when
 * transposeB, first copied to `scratch` as [k, n]), c: [m, n]; all byte offsets. aStep/bStep:
 * floats between consecutive batch items (0 broadcasts a single item).
 */
export function batchMatMul(a: usize, b: usize, c: usize, scratch: usize, batch: i32, m: i32, k: i32, n: i32, transposeA: bool, transposeB: bool, aStep: i32, bStep: i32): void {
  const rowStep: usize = <usize>(transposeA ? 1 : k) << 2;
  const pStep: usize = <usize>(transposeA ? m : 1) << 2;
  for (let s = 0; s < batch; s++) {
    const aItem = a + (<usize>(s * aStep) << 2);
    let bItem = b + (<usize>(s * bStep) << 2);
    if (transposeB) {
      if (s === 0 || bStep !== 0) transpose(bItem, scratch, n, k);
      bItem = scratch;
    }
    const cItem = c + (<usize>(s * m * n) << 2);
    for (let i = 0; i < m; i++) row(aItem + <usize>i * rowStep, pStep, bItem, cItem + (<usize>(i * n) << 2), k, n);
  }
}

/** src [rows, cols] → dst [cols, rows]. */
function transpose(src: usize, dst: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let q = 0; q < cols; q++) store<f32>(dst + (<usize>(q * rows + r) << 2), load<f32>(src + (<usize>(r * cols + q) << 2)));
  }
}

/** One output row: c[j] = Σ_p a(p)·b[p, j]; a(p) at a + p·pStep, b row-major [k, n]. */
function row(a: usize, pStep: usize, b: usize, c: usize, k: i32, n: i32): void {
  let j = 0;
  for (; j + 16 <= n; j += 16) columns(a, pStep, b, c, k, n, j, 4);
  if (j + 8 <= n) {
    columns(a, pStep, b, c, k, n, j, 2);
    j += 8;
  }
  if (j + 4 <= n) {
    columns(a, pStep, b, c, k, n, j, 1);
    j += 4;
  }
  for (; j < n; j++) {
    let t: f32 = 0;
    for (let p0 = 0; p0 < k; p0 += K_BLOCK) {
      const p1 = min(p0 + K_BLOCK, k);
      let s: f32 = 0;
      let bp = b + (<usize>(p0 * n + j) << 2);
      let ap = a + <usize>p0 * pStep;
      for (let p = p0; p < p1; p++) {
        s += load<f32>(ap) * load<f32>(bp);
        bp += <usize>n << 2;
        ap += pStep;
      }
      t += s;
    }
    store<f32>(c + (<usize>j << 2), t);
  }
}

/**
 * Outputs j … j + 4·vectors − 1 of a row, each in its own SIMD lane. Inlined with a constant
 * `vectors` (1, 2 or 4), so the unused lanes' code folds away.
 */
@inline function columns(a: usize, pStep: usize, b: usize, c: usize, k: i32, n: i32, j: i32, vectors: i32): void {
  const bRow: usize = <usize>n << 2;
  let t0 = f32x4.splat(0);
  let t1 = f32x4.splat(0);
  let t2 = f32x4.splat(0);
  let t3 = f32x4.splat(0);
  for (let p0 = 0; p0 < k; p0 += K_BLOCK) {
    const p1 = min(p0 + K_BLOCK, k);
    let s0 = f32x4.splat(0);
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    let s3 = f32x4.splat(0);
    let bp = b + (<usize>(p0 * n + j) << 2);
    let ap = a + <usize>p0 * pStep;
    for (let p = p0; p < p1; p++) {
      const x = f32x4.splat(load<f32>(ap));
      s0 = f32x4.add(s0, f32x4.mul(x, v128.load(bp)));
      if (vectors > 1) s1 = f32x4.add(s1, f32x4.mul(x, v128.load(bp, 16)));
      if (vectors > 2) {
        s2 = f32x4.add(s2, f32x4.mul(x, v128.load(bp, 32)));
        s3 = f32x4.add(s3, f32x4.mul(x, v128.load(bp, 48)));
      }
      bp += bRow;
      ap += pStep;
    }
    t0 = f32x4.add(t0, s0);
    t1 = f32x4.add(t1, s1);
    t2 = f32x4.add(t2, s2);
    t3 = f32x4.add(t3, s3);
  }
  const o = c + (<usize>j << 2);
  v128.store(o, t0);
  if (vectors > 1) v128.store(o, t1, 16);
  if (vectors > 2) {
    v128.store(o, t2, 32);
    v128.store(o, t3, 48);
  }
}
