// AssemblyScript: FarnebackUpdateMatrices, the per-pixel system the flow solves, from the two
// frames' expansions and the current flow, in OpenCV.js's scalar arithmetic order.

// FarnebackUpdateMatrices for rows [y0, y1): four pixels at a time in lanes (the bilinear
// samples gathered per pixel), the scalar version for the pixels past a multiple of 4.
export function updateMatrices(r0: usize, r1: usize, flow: usize, matM: usize, w: i32, h: i32, y0: i32, y1: i32): void {
  const step = <usize>w * 20;
  // The lanes scale every pixel by its edge factors, which is OpenCV's border test only when both
  // sides are 10 px or more (below that, its unsigned comparison leaves some edge pixels alone).
  const wq = w >= 10 && h >= 10 ? w & ~3 : 0;
  for (let y = y0; y < y1; y++) {
    const fl = flow + (<usize>(y * w) << 3);
    const R0 = r0 + <usize>y * step;
    const Mr = matM + <usize>y * step;
    const yScale = (y < 5 ? edgeWeight(y) : <f32>1);
    const yScale2 = (y >= h - 5 ? edgeWeight(h - y - 1) : <f32>1);
    const fy0 = f32x4.splat(<f32>y);
    const lastX = i32x4.splat(w - 1);
    const lastY = i32x4.splat(h - 1);
    for (let x = 0; x < wq; x += 4) {
      const f0 = v128.load(fl + (<usize>x << 3));
      const f1 = v128.load(fl + (<usize>x << 3), 16);
      const dx = f32x4.shuffle(f0, f1, 0, 2, 4, 6);
      const dy = f32x4.shuffle(f0, f1, 1, 3, 5, 7);
      const xs = i32x4.add(i32x4.splat(x), i32x4(0, 1, 2, 3));
      const fxAbs = f32x4.add(f32x4.convert_i32x4_s(xs), dx);
      const fyAbs = f32x4.add(fy0, dy);
      const flx = f32x4.floor(fxAbs);
      const fly = f32x4.floor(fyAbs);
      const x1 = i32x4.trunc_sat_f32x4_s(flx);
      const y1v = i32x4.trunc_sat_f32x4_s(fly);
      const fx = f32x4.sub(fxAbs, flx);
      const fy = f32x4.sub(fyAbs, fly);
      const one = f32x4.splat(1);
      const a00 = f32x4.mul(f32x4.sub(one, fx), f32x4.sub(one, fy));
      const a01 = f32x4.mul(fx, f32x4.sub(one, fy));
      const a10 = f32x4.mul(f32x4.sub(one, fx), fy);
      const a11 = f32x4.mul(fx, fy);
      const inside = v128.and(i32x4.lt_u(x1, lastX), i32x4.lt_u(y1v, lastY));
      const bits = i32x4.bitmask(inside);
      // Per pixel: (r2, r3, r4, r5) as one vector and r6 alone.
      let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0;
      let t0: f32 = 0, t1: f32 = 0, t2: f32 = 0, t3: f32 = 0;
      if (bits & 1) { const p = r1 + <usize>i32x4.extract_lane(y1v, 0) * step + <usize>i32x4.extract_lane(x1, 0) * 20; s0 = bilinear(p, step, f32x4.extract_lane(a00, 0), f32x4.extract_lane(a01, 0), f32x4.extract_lane(a10, 0), f32x4.extract_lane(a11, 0)); t0 = bilinear6(p, step, f32x4.extract_lane(a00, 0), f32x4.extract_lane(a01, 0), f32x4.extract_lane(a10, 0), f32x4.extract_lane(a11, 0)); }
      if (bits & 2) { const p = r1 + <usize>i32x4.extract_lane(y1v, 1) * step + <usize>i32x4.extract_lane(x1, 1) * 20; s1 = bilinear(p, step, f32x4.extract_lane(a00, 1), f32x4.extract_lane(a01, 1), f32x4.extract_lane(a10, 1), f32x4.extract_lane(a11, 1)); t1 = bilinear6(p, step, f32x4.extract_lane(a00, 1), f32x4.extract_lane(a01, 1), f32x4.extract_lane(a10, 1), f32x4.extract_lane(a11, 1)); }
      if (bits & 4) { const p = r1 + <usize>i32x4.extract_lane(y1v, 2) * step + <usize>i32x4.extract_lane(x1, 2) * 20; s2 = bilinear(p, step, f32x4.extract_lane(a00, 2), f32x4.extract_lane(a01, 2), f32x4.extract_lane(a10, 2), f32x4.extract_lane(a11, 2)); t2 = bilinear6(p, step, f32x4.extract_lane(a00, 2), f32x4.extract_lane(a01, 2), f32x4.extract_lane(a10, 2), f32x4.extract_lane(a11, 2)); }
      if (bits & 8) { const p = r1 + <usize>i32x4.extract_lane(y1v, 3) * step + <usize>i32x4.extract_lane(x1, 3) * 20; s3 = bilinear(p, step, f32x4.extract_lane(a00, 3), f32x4.extract_lane(a01, 3), f32x4.extract_lane(a10, 3), f32x4.extract_lane(a11, 3)); t3 = bilinear6(p, step, f32x4.extract_lane(a00, 3), f32x4.extract_lane(a01, 3), f32x4.extract_lane(a10, 3), f32x4.extract_lane(a11, 3)); }
      // Transposed to one vector per channel, lanes = pixels.
      const u0 = f32x4.shuffle(s0, s1, 0, 4, 1, 5);
      const u1 = f32x4.shuffle(s2, s3, 0, 4, 1, 5);
      const u2 = f32x4.shuffle(s0, s1, 2, 6, 3, 7);
      const u3 = f32x4.shuffle(s2, s3, 2, 6, 3, 7);
      let b2 = f32x4.shuffle(u0, u1, 0, 1, 4, 5);
      let b3 = f32x4.shuffle(u0, u1, 2, 3, 6, 7);
      const b4 = f32x4.shuffle(u2, u3, 0, 1, 4, 5);
      const b5 = f32x4.shuffle(u2, u3, 2, 3, 6, 7);
      const b6 = f32x4(t0, t1, t2, t3);
      const q = R0 + <usize>x * 20;
      const q0 = v128.load(q);
      const q1 = v128.load(q, 20);
      const q2 = v128.load(q, 40);
      const q3 = v128.load(q, 60);
      const v0 = f32x4.shuffle(q0, q1, 0, 4, 1, 5);
      const v1 = f32x4.shuffle(q2, q3, 0, 4, 1, 5);
      const v2 = f32x4.shuffle(q0, q1, 2, 6, 3, 7);
      const v3 = f32x4.shuffle(q2, q3, 2, 6, 3, 7);
      const c0 = f32x4.shuffle(v0, v1, 0, 1, 4, 5);
      const c1 = f32x4.shuffle(v0, v1, 2, 3, 6, 7);
      const c2 = f32x4.shuffle(v2, v3, 0, 1, 4, 5);
      const c3 = f32x4.shuffle(v2, v3, 2, 3, 6, 7);
      const c4 = f32x4(load<f32>(q, 16), load<f32>(q, 36), load<f32>(q, 56), load<f32>(q, 76));
      const half = f32x4.splat(0.5);
      const r4 = v128.bitselect(f32x4.mul(f32x4.add(c2, b4), half), c2, inside);
      const r5 = v128.bitselect(f32x4.mul(f32x4.add(c3, b5), half), c3, inside);
      const r6 = v128.bitselect(f32x4.mul(f32x4.add(c4, b6), f32x4.splat(0.25)), f32x4.mul(c4, half), inside);
      b2 = v128.and(b2, inside);
      b3 = v128.and(b3, inside);
      let r2 = f32x4.mul(f32x4.sub(c0, b2), half);
      let r3 = f32x4.mul(f32x4.sub(c1, b3), half);
      r2 = f32x4.add(r2, f32x4.add(f32x4.mul(r4, dy), f32x4.mul(r6, dx)));
      r3 = f32x4.add(r3, f32x4.add(f32x4.mul(r6, dy), f32x4.mul(r5, dx)));
      // Away from the edges every factor is 1, and multiplying by 1 changes nothing.
      let xScale = one;
      if (x < 5 || x + 3 >= w - 5) xScale = f32x4(edgeFactors(x, w), edgeFactors(x + 1, w), edgeFactors(x + 2, w), edgeFactors(x + 3, w));
      const sc = f32x4.mul(f32x4.mul(xScale, f32x4.splat(yScale)), f32x4.splat(yScale2));
      r2 = f32x4.mul(r2, sc);
      r3 = f32x4.mul(r3, sc);
      const r4s = f32x4.mul(r4, sc);
      const r5s = f32x4.mul(r5, sc);
      const r6s = f32x4.mul(r6, sc);
      const m0 = f32x4.add(f32x4.mul(r4s, r4s), f32x4.mul(r6s, r6s));
      const m1 = f32x4.mul(f32x4.add(r4s, r5s), r6s);
      const m2 = f32x4.add(f32x4.mul(r5s, r5s), f32x4.mul(r6s, r6s));
      const m3 = f32x4.add(f32x4.mul(r4s, r2), f32x4.mul(r6s, r3));
      const m4 = f32x4.add(f32x4.mul(r6s, r2), f32x4.mul(r5s, r3));
      const k0 = f32x4.shuffle(m0, m1, 0, 4, 1, 5);
      const k1 = f32x4.shuffle(m2, m3, 0, 4, 1, 5);
      const k2 = f32x4.shuffle(m0, m1, 2, 6, 3, 7);
      const k3 = f32x4.shuffle(m2, m3, 2, 6, 3, 7);
      const o = Mr + <usize>x * 20;
      v128.store(o, f32x4.shuffle(k0, k1, 0, 1, 4, 5));
      store<f32>(o, f32x4.extract_lane(m4, 0), 16);
      v128.store(o, f32x4.shuffle(k0, k1, 2, 3, 6, 7), 20);
      store<f32>(o, f32x4.extract_lane(m4, 1), 36);
      v128.store(o, f32x4.shuffle(k2, k3, 0, 1, 4, 5), 40);
      store<f32>(o, f32x4.extract_lane(m4, 2), 56);
      v128.store(o, f32x4.shuffle(k2, k3, 2, 3, 6, 7), 60);
      store<f32>(o, f32x4.extract_lane(m4, 3), 76);
    }
    for (let x = wq; x < w; x++) matricesPixel(r0, r1, flow, matM, w, h, x, y);
  }
}

// Channels 0-3 of the bilinear sample at p (row step `step`), summed in OpenCV's order.
@inline function bilinear(p: usize, step: usize, a00: f32, a01: f32, a10: f32, a11: f32): v128 {
  return f32x4.add(f32x4.add(f32x4.add(
    f32x4.mul(f32x4.splat(a00), v128.load(p)), f32x4.mul(f32x4.splat(a01), v128.load(p, 20))),
    f32x4.mul(f32x4.splat(a10), v128.load(p + step))), f32x4.mul(f32x4.splat(a11), v128.load(p + step, 20)));
}

@inline function bilinear6(p: usize, step: usize, a00: f32, a01: f32, a10: f32, a11: f32): f32 {
  return a00 * load<f32>(p, 16) + a01 * load<f32>(p, 36) + a10 * load<f32>(p + step, 16) + a11 * load<f32>(p + step, 36);
}

function matricesPixel(r0: usize, r1: usize, flow: usize, matM: usize, w: i32, h: i32, x: i32, y: i32): void {
  const step = <usize>w * 20;
  const fl = flow + (<usize>(y * w) << 3);
  const dx = load<f32>(fl + (<usize>x << 3));
  const dy = load<f32>(fl + (<usize>x << 3), 4);
  let fx = <f32>x + dx;
  let fy = <f32>y + dy;
  const x1 = <i32>Mathf.floor(fx);
  const y1 = <i32>Mathf.floor(fy);
  fx -= <f32>x1;
  fy -= <f32>y1;
  const q = r0 + <usize>y * step + <usize>x * 20;
  let r2: f32, r3: f32, r4: f32, r5: f32, r6: f32;
  if (<u32>x1 < <u32>(w - 1) && <u32>y1 < <u32>(h - 1)) {
    const p = r1 + <usize>y1 * step + <usize>x1 * 20;
    const a00 = (<f32>1 - fx) * (<f32>1 - fy);
    const a01 = fx * (<f32>1 - fy);
    const a10 = (<f32>1 - fx) * fy;
    const a11 = fx * fy;
    const s = bilinear(p, step, a00, a01, a10, a11);
    r2 = f32x4.extract_lane(s, 0);
    r3 = f32x4.extract_lane(s, 1);
    r4 = (load<f32>(q, 8) + f32x4.extract_lane(s, 2)) * <f32>0.5;
    r5 = (load<f32>(q, 12) + f32x4.extract_lane(s, 3)) * <f32>0.5;
    r6 = (load<f32>(q, 16) + bilinear6(p, step, a00, a01, a10, a11)) * <f32>0.25;
  } else {
    r2 = 0; r3 = 0;
    r4 = load<f32>(q, 8);
    r5 = load<f32>(q, 12);
    r6 = load<f32>(q, 16) * <f32>0.5;
  }
  r2 = (load<f32>(q) - r2) * <f32>0.5;
  r3 = (load<f32>(q, 4) - r3) * <f32>0.5;
  r2 += r4 * dy + r6 * dx;
  r3 += r6 * dy + r5 * dx;
  if (<u32>(x - 5) >= <u32>(w - 10) || <u32>(y - 5) >= <u32>(h - 10)) {
    const scale = edgeFactors(x, w) * (y < 5 ? edgeWeight(y) : <f32>1) * (y >= h - 5 ? edgeWeight(h - y - 1) : <f32>1);
    r2 *= scale; r3 *= scale; r4 *= scale; r5 *= scale; r6 *= scale;
  }
  const m = matM + <usize>y * step + <usize>x * 20;
  store<f32>(m, r4 * r4 + r6 * r6);
  store<f32>(m, (r4 + r5) * r6, 4);
  store<f32>(m, r5 * r5 + r6 * r6, 8);
  store<f32>(m, r4 * r2 + r6 * r3, 12);
  store<f32>(m, r6 * r2 + r5 * r3, 16);
}

// OpenCV multiplies the four edges' factors left to right (1 away from that edge).
@inline function edgeFactors(i: i32, size: i32): f32 {
  const near: f32 = i < 5 ? edgeWeight(i) : 1;
  return near * (i >= size - 5 ? edgeWeight(size - i - 1) : <f32>1);
}

@inline function edgeWeight(i: i32): f32 {
  return i < 2 ? <f32>0.14 : <f32>0.4472;
}
