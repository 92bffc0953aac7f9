// AssemblyScript: FarnebackPolyExp, each pixel's quadratic fit to its neighbourhood, in OpenCV.js's
// scalar arithmetic order with SIMD lanes.

// FarnebackPolyExp: the vertical pass in floats into three planes (OpenCV interleaves them; the
// sums are the same), then the horizontal pass in doubles, rows edge-replicated. `consts`: f64
// ig11, ig03, ig33, ig55, then f32 g, xg, xxg (taps 0…n); `rows`: three planes of `plane` bytes.
export function polyExp(src: usize, w: i32, h: i32, dst: usize, n: i32, consts: usize, rows: usize, plane: usize): void {
  const g = consts + 32;
  const xg = g + (<usize>(n + 1) << 2);
  const xxg = xg + (<usize>(n + 1) << 2);
  const pad = <usize>n << 2;
  const p0 = rows + pad;
  const p1 = p0 + plane;
  const p2 = p1 + plane;
  const rowBytes = <usize>w << 2;
  for (let y = 0; y < h; y++) {
    const srow = src + <usize>y * rowBytes;
    const g0 = load<f32>(g);
    const g0V = f32x4.splat(g0);
    const zero = f32x4.splat(0);
    const wq = w & ~3;
    for (let x = 0; x < wq; x += 4) {
      const o = <usize>x << 2;
      v128.store(p0 + o, f32x4.mul(v128.load(srow + o), g0V));
      v128.store(p1 + o, zero);
      v128.store(p2 + o, zero);
    }
    for (let x = wq; x < w; x++) {
      const o = <usize>x << 2;
      store<f32>(p0 + o, load<f32>(srow + o) * g0);
      store<f32>(p1 + o, 0);
      store<f32>(p2 + o, 0);
    }
    for (let k = 1; k <= n; k++) {
      const gk = load<f32>(g + (<usize>k << 2));
      const xgk = load<f32>(xg + (<usize>k << 2));
      const xxgk = load<f32>(xxg + (<usize>k << 2));
      const gkV = f32x4.splat(gk);
      const xgkV = f32x4.splat(xgk);
      const xxgkV = f32x4.splat(xxgk);
      const s0 = src + <usize>max(y - k, 0) * rowBytes;
      const s1 = src + <usize>min(y + k, h - 1) * rowBytes;
      for (let x = 0; x < wq; x += 4) {
        const o = <usize>x << 2;
        const a = v128.load(s0 + o);
        const b = v128.load(s1 + o);
        const p = f32x4.add(a, b);
        v128.store(p0 + o, f32x4.add(v128.load(p0 + o), f32x4.mul(gkV, p)));
        v128.store(p1 + o, f32x4.add(v128.load(p1 + o), f32x4.mul(xgkV, f32x4.sub(b, a))));
        v128.store(p2 + o, f32x4.add(v128.load(p2 + o), f32x4.mul(xxgkV, p)));
      }
      for (let x = wq; x < w; x++) {
        const o = <usize>x << 2;
        const a = load<f32>(s0 + o);
        const b = load<f32>(s1 + o);
        const p = a + b;
        store<f32>(p0 + o, load<f32>(p0 + o) + gk * p);
        store<f32>(p1 + o, load<f32>(p1 + o) + xgk * (b - a));
        store<f32>(p2 + o, load<f32>(p2 + o) + xxgk * p);
      }
    }
    // Replicate each plane's edge values n pixels out.
    for (let x = 1; x <= n; x++) {
      const l = <usize>x << 2;
      const r = <usize>(w - 1 + x) << 2;
      const last = <usize>(w - 1) << 2;
      store<f32>(p0 - l, load<f32>(p0)); store<f32>(p0 + r, load<f32>(p0 + last));
      store<f32>(p1 - l, load<f32>(p1)); store<f32>(p1 + r, load<f32>(p1 + last));
      store<f32>(p2 - l, load<f32>(p2)); store<f32>(p2 + r, load<f32>(p2 + last));
    }
    polyExpRow(dst + <usize>y * rowBytes * 5, w, p0, p1, p2, n, consts);
  }
}

// The horizontal pass of one row, four pixels at a time: float sums in f32x4 lanes, the double
// accumulators as f64x2 pairs, then the scalar version for the pixels past a multiple of 4.
function polyExpRow(drow: usize, w: i32, p0: usize, p1: usize, p2: usize, n: i32, consts: usize): void {
  const g = consts + 32;
  const ig11 = load<f64>(consts);
  const ig03 = load<f64>(consts, 8);
  const ig33 = load<f64>(consts, 16);
  const ig55 = load<f64>(consts, 24);
  const xg = g + (<usize>(n + 1) << 2);
  const xxg = xg + (<usize>(n + 1) << 2);
  const g0 = f32x4.splat(load<f32>(g));
  const ig11V = f64x2.splat(ig11);
  const ig03V = f64x2.splat(ig03);
  const ig33V = f64x2.splat(ig33);
  const ig55V = f64x2.splat(ig55);
  const wq = w & ~3;
  for (let x = 0; x < wq; x += 4) {
    const o = <usize>x << 2;
    const c0 = f32x4.mul(v128.load(p0 + o), g0);
    const c1 = f32x4.mul(v128.load(p1 + o), g0);
    const c2 = f32x4.mul(v128.load(p2 + o), g0);
    let b1l = promoteLow(c0), b1h = promoteHigh(c0);
    let b3l = promoteLow(c1), b3h = promoteHigh(c1);
    let b5l = promoteLow(c2), b5h = promoteHigh(c2);
    let b2l = f64x2.splat(0), b2h = b2l, b4l = b2l, b4h = b2l, b6l = b2l, b6h = b2l;
    for (let k = 1; k <= n; k++) {
      const ko = <usize>k << 2;
      const gk = load<f32>(g + ko);
      const gkV = f32x4.splat(gk);
      const gkD = f64x2.splat(<f64>gk);
      const xgkV = f32x4.splat(load<f32>(xg + ko));
      const xxgkD = f64x2.splat(<f64>load<f32>(xxg + ko));
      const r0p = v128.load(p0 + o + ko);
      const r0m = v128.load(p0 + o - ko);
      const tg = f32x4.add(r0p, r0m);
      const tgl = promoteLow(tg);
      const tgh = promoteHigh(tg);
      b1l = f64x2.add(b1l, f64x2.mul(tgl, gkD));
      b1h = f64x2.add(b1h, f64x2.mul(tgh, gkD));
      b4l = f64x2.add(b4l, f64x2.mul(tgl, xxgkD));
      b4h = f64x2.add(b4h, f64x2.mul(tgh, xxgkD));
      const d0 = f32x4.mul(f32x4.sub(r0p, r0m), xgkV);
      b2l = f64x2.add(b2l, promoteLow(d0));
      b2h = f64x2.add(b2h, promoteHigh(d0));
      const r1p = v128.load(p1 + o + ko);
      const r1m = v128.load(p1 + o - ko);
      const s1 = f32x4.mul(f32x4.add(r1p, r1m), gkV);
      b3l = f64x2.add(b3l, promoteLow(s1));
      b3h = f64x2.add(b3h, promoteHigh(s1));
      const d1 = f32x4.mul(f32x4.sub(r1p, r1m), xgkV);
      b6l = f64x2.add(b6l, promoteLow(d1));
      b6h = f64x2.add(b6h, promoteHigh(d1));
      const s2 = f32x4.mul(f32x4.add(v128.load(p2 + o + ko), v128.load(p2 + o - ko)), gkV);
      b5l = f64x2.add(b5l, promoteLow(s2));
      b5h = f64x2.add(b5h, promoteHigh(s2));
    }
    // Outputs per channel, lanes = pixels, then interleaved five to a pixel.
    const e0 = demote(f64x2.mul(b3l, ig11V), f64x2.mul(b3h, ig11V));
    const e1 = demote(f64x2.mul(b2l, ig11V), f64x2.mul(b2h, ig11V));
    const e2 = demote(f64x2.add(f64x2.mul(b1l, ig03V), f64x2.mul(b5l, ig33V)), f64x2.add(f64x2.mul(b1h, ig03V), f64x2.mul(b5h, ig33V)));
    const e3 = demote(f64x2.add(f64x2.mul(b1l, ig03V), f64x2.mul(b4l, ig33V)), f64x2.add(f64x2.mul(b1h, ig03V), f64x2.mul(b4h, ig33V)));
    const e4 = demote(f64x2.mul(b6l, ig55V), f64x2.mul(b6h, ig55V));
    const k0 = f32x4.shuffle(e0, e1, 0, 4, 1, 5);
    const k1 = f32x4.shuffle(e2, e3, 0, 4, 1, 5);
    const k2 = f32x4.shuffle(e0, e1, 2, 6, 3, 7);
    const k3 = f32x4.shuffle(e2, e3, 2, 6, 3, 7);
    const d = drow + <usize>x * 20;
    v128.store(d, f32x4.shuffle(k0, k1, 0, 1, 4, 5));
    store<f32>(d, f32x4.extract_lane(e4, 0), 16);
    v128.store(d, f32x4.shuffle(k0, k1, 2, 3, 6, 7), 20);
    store<f32>(d, f32x4.extract_lane(e4, 1), 36);
    v128.store(d, f32x4.shuffle(k2, k3, 0, 1, 4, 5), 40);
    store<f32>(d, f32x4.extract_lane(e4, 2), 56);
    v128.store(d, f32x4.shuffle(k2, k3, 2, 3, 6, 7), 60);
    store<f32>(d, f32x4.extract_lane(e4, 3), 76);
  }
  for (let x = wq; x < w; x++) {
    const o = <usize>x << 2;
    const g0s = load<f32>(g);
    let b1: f64 = <f64>(load<f32>(p0 + o) * g0s);
    let b2: f64 = 0;
    let b3: f64 = <f64>(load<f32>(p1 + o) * g0s);
    let b4: f64 = 0;
    let b5: f64 = <f64>(load<f32>(p2 + o) * g0s);
    let b6: f64 = 0;
    for (let k = 1; k <= n; k++) {
      const ko = <usize>k << 2;
      const gk = load<f32>(g + ko);
      const xgk = load<f32>(xg + ko);
      const r0p = load<f32>(p0 + o + ko);
      const r0m = load<f32>(p0 + o - ko);
      const tg = <f64>(r0p + r0m);
      b1 += tg * <f64>gk;
      b4 += tg * <f64>load<f32>(xxg + ko);
      b2 += <f64>((r0p - r0m) * xgk);
      const r1p = load<f32>(p1 + o + ko);
      const r1m = load<f32>(p1 + o - ko);
      b3 += <f64>((r1p + r1m) * gk);
      b6 += <f64>((r1p - r1m) * xgk);
      b5 += <f64>((load<f32>(p2 + o + ko) + load<f32>(p2 + o - ko)) * gk);
    }
    const d = drow + <usize>x * 20;
    store<f32>(d, <f32>(b3 * ig11));
    store<f32>(d, <f32>(b2 * ig11), 4);
    store<f32>(d, <f32>(b1 * ig03 + b5 * ig33), 8);
    store<f32>(d, <f32>(b1 * ig03 + b4 * ig33), 12);
    store<f32>(d, <f32>(b6 * ig55), 16);
  }
}

@inline function promoteLow(v: v128): v128 { return f64x2.promote_low_f32x4(v); }
@inline function promoteHigh(v: v128): v128 { return f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 2, 3)); }
// Two f64x2 rounded to floats, as one f32x4 (low pair first).
@inline function demote(lo: v128, hi: v128): v128 {
  return f32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}
