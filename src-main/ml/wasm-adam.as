// AssemblyScript: Adam's update over flat float32 arrays (wasm-adam.ts), compiled by
// scripts/build-ml-wasm.mjs into wasm-adam-binary.ts with its memory imported. No data segment,
// start function or allocator: it touches only the bytes passed in.
//
// Every lane operation is an IEEE single-precision one (wasm has no fused multiply-add), so each
// value is rounded where the tfjs ops the update replaced rounded it, in their order:
//   m ← m·β1 + g·(1−β1),  v ← v·β2 + (g·g)·(1−β2),  w ← w − (m / (√v + ε))·step.

/** Updates m, v and w in place from g; n values each, 16-byte aligned. */
export function update(g: usize, m: usize, v: usize, w: usize, n: i32, b1: f32, c1: f32, b2: f32, c2: f32, eps: f32, step: f32): void {
  const B1 = f32x4.splat(b1);
  const C1 = f32x4.splat(c1);
  const B2 = f32x4.splat(b2);
  const C2 = f32x4.splat(c2);
  const EPS = f32x4.splat(eps);
  const STEP = f32x4.splat(step);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o: usize = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(v128.load(m + o), B1), f32x4.mul(gi, C1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + o), B2), f32x4.mul(f32x4.mul(gi, gi), C2));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.mul(f32x4.div(mi, f32x4.add(f32x4.sqrt(vi), EPS)), STEP)));
  }
  for (; i < n; i++) {
    const o: usize = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) * b1 + gi * c1;
    const vi = load<f32>(v + o) * b2 + gi * gi * c2;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(w + o, load<f32>(w + o) - (mi / (sqrt<f32>(vi) + eps)) * step);
  }
}
