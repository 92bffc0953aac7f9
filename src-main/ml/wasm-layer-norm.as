// AssemblyScript: layer normalisation over the last axis and its gradient for the wasm backend
// (wasm-layer-norm.ts), compiled by scripts/build-ml-wasm.mjs into wasm-layer-norm-binary.ts
// with tfjs's own memory imported, so it reads and writes tensors where they lie. No data segment,
// start function or allocator: it touches only the bytes passed in.
//
// Each value is rounded as the composite it replaces rounds it on tfjs-backend-wasm 4.22, so the
// results are the same bits: y = (x − mean)·rsqrt(var + ε)·gain + bias with tf.moments (Mean sums a
// row in order from +0 and divides by its length; the variance is the Mean of (x − mean)²) and
// Rsqrt as 1 / sqrt in f32; the gradient is the one tfjs's autodiff builds from those ops, term by
// term in the order its tape adds them (see backward). The ve^1.5 that Rsqrt's gradient needs is
// left to the backend's Pow kernel (libc powf), between statistics() and backward().

/** Per row: mean, ve = var + ε and r = rsqrt(ve), each [rows] f32. x is [rows, d]. */
export function statistics(x: usize, rows: i32, d: i32, epsilon: f32, mean: usize, ve: usize, r: usize): void {
  const n = <f32>d;
  for (let i = 0; i < rows; i++) {
    const row = x + (<usize>(i * d) << 2);
    let s: f32 = 0;
    for (let j = 0; j < d; j++) s += load<f32>(row + (<usize>j << 2));
    const m = s / n;
    let s2: f32 = 0;
    for (let j = 0; j < d; j++) {
      const c = load<f32>(row + (<usize>j << 2)) - m;
      s2 += c * c;
    }
    const v = s2 / n + epsilon;
    const at: usize = <usize>i << 2;
    store<f32>(mean + at, m);
    store<f32>(ve + at, v);
    store<f32>(r + at, <f32>1 / sqrt<f32>(v));
  }
}

/** y = (x − mean)·r·gain + bias, from statistics(). */
export function forward(x: usize, gain: usize, bias: usize, mean: usize, r: usize, rows: i32, d: i32, y: usize): void {
  for (let i = 0; i < rows; i++) {
    const o: usize = <usize>(i * d) << 2;
    const m = load<f32>(mean + (<usize>i << 2));
    const ri = load<f32>(r + (<usize>i << 2));
    for (let j = 0; j < d; j++) {
      const jj: usize = <usize>j << 2;
      store<f32>(y + o + jj, ((load<f32>(x + o + jj) - m) * ri) * load<f32>(gain + jj) + load<f32>(bias + jj));
    }
  }
}

/**
 * Gradients of Σ dy·y for x, gain and bias, as tfjs's tape computes them, with p = ve^1.5 per row:
 *   dbias = Σ_rows dy;  dgain = Σ_rows dy·((x − mean)·r)      (column sums in row order)
 *   dxc = (dy·gain)·r;  dr = Σ_j (dy·gain)·(x − mean);  dve = −(dr / (p·2))
 *   dxc1 = (dve / d)·((x − mean)·2)                          (through the variance's Mean and Square)
 *   dmean = −Σ_j dxc + −Σ_j dxc1;  dx = (dxc + dxc1) + dmean / d
 */
export function backward(dy: usize, x: usize, gain: usize, mean: usize, r: usize, p: usize, rows: i32, d: i32, dx: usize, dgain: usize, dbias: usize): void {
  const n = <f32>d;
  for (let j = 0; j < d; j++) {
    let sb: f32 = 0;
    let sg: f32 = 0;
    for (let i = 0; i < rows; i++) {
      const at: usize = <usize>(i * d + j) << 2;
      const g = load<f32>(dy + at);
      sb += g;
      sg += g * ((load<f32>(x + at) - load<f32>(mean + (<usize>i << 2))) * load<f32>(r + (<usize>i << 2)));
    }
    store<f32>(dbias + (<usize>j << 2), sb);
    store<f32>(dgain + (<usize>j << 2), sg);
  }
  for (let i = 0; i < rows; i++) {
    const o: usize = <usize>(i * d) << 2;
    const m = load<f32>(mean + (<usize>i << 2));
    const ri = load<f32>(r + (<usize>i << 2));
    let dr: f32 = 0;
    for (let j = 0; j < d; j++) {
      const jj: usize = <usize>j << 2;
      dr += (load<f32>(dy + o + jj) * load<f32>(gain + jj)) * (load<f32>(x + o + jj) - m);
    }
    const dsq = -(dr / (load<f32>(p + (<usize>i << 2)) * 2)) / n;
    let sa: f32 = 0;
    let sc: f32 = 0;
    for (let j = 0; j < d; j++) {
      const jj: usize = <usize>j << 2;
      const c = load<f32>(x + o + jj) - m;
      const dxc = (load<f32>(dy + o + jj) * load<f32>(gain + jj)) * ri;
      const dxc1 = dsq * (c * 2);
      sa += dxc;
      sc += dxc1;
      store<f32>(dx + o + jj, dxc + dxc1);
    }
    const dxm = (-sa + -sc) / n;
    for (let j = 0; j < d; j++) {
      const at = dx + o + (<usize>j << 2);
      store<f32>(at, load<f32>(at) + dxm);
    }
  }
}
