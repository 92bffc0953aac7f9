// AssemblyScript: FarnebackUpdateFlow_Blur (the box-filter window, flags 0) in OpenCV.js's scalar
// arithmetic order with SIMD lanes.
import { updateMatrices } from './matrices';

// FarnebackUpdateFlow_Blur: a box-filtered (winSize²) G and h solved for the flow, in doubles,
// the matrices updated from the new flow in stripes as OpenCV does. `vsumBase`: (w + win + 4)×5
// doubles of scratch. Lanes: 4 columns at a time vertically, the five running sums as two f64x2
// and a scalar, and pixels solved in pairs.
export function updateFlowBlur(r0: usize, r1: usize, flow: usize, matM: usize, w: i32, h: i32, win: i32, vsumBase: usize, update: bool): void {
  const m = win >> 1;
  const minStripe = max(1024 / w, win);
  const scale: f64 = 1.0 / <f64>(win * win);
  const vsum = vsumBase + <usize>(m + 1) * 40;
  const cols = w * 5;
  const rowBytes = <usize>cols << 2;
  let y0 = 0;
  const mf = f32x4.splat(<f32>(m + 2));
  let x = 0;
  for (; x + 4 <= cols; x += 4) {
    const v = f32x4.mul(v128.load(matM + (<usize>x << 2)), mf);
    v128.store(vsum + (<usize>x << 3), f64x2.promote_low_f32x4(v));
    v128.store(vsum + (<usize>x << 3), f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 2, 3)), 16);
  }
  for (; x < cols; x++) store<f64>(vsum + (<usize>x << 3), <f64>(load<f32>(matM + (<usize>x << 2)) * <f32>(m + 2)));
  for (let y = 1; y < m; y++) {
    const s = matM + <usize>min(y, h - 1) * rowBytes;
    for (x = 0; x < cols; x++) {
      const o = <usize>x << 3;
      store<f64>(vsum + o, load<f64>(vsum + o) + <f64>load<f32>(s + (<usize>x << 2)));
    }
  }
  const scaleV = f64x2.splat(scale);
  const mm: f64 = <f64>(m + 2);
  const mmV = f64x2.splat(mm);
  for (let y = 0; y < h; y++) {
    const fl = flow + (<usize>(y * w) << 3);
    const s0 = matM + <usize>max(y - m - 1, 0) * rowBytes;
    const s1 = matM + <usize>min(y + m, h - 1) * rowBytes;
    x = 0;
    for (; x + 4 <= cols; x += 4) {
      const d = f32x4.sub(v128.load(s1 + (<usize>x << 2)), v128.load(s0 + (<usize>x << 2)));
      const o = vsum + (<usize>x << 3);
      v128.store(o, f64x2.add(v128.load(o), f64x2.promote_low_f32x4(d)));
      v128.store(o, f64x2.add(v128.load(o, 16), f64x2.promote_low_f32x4(f32x4.shuffle(d, d, 2, 3, 2, 3))), 16);
    }
    for (; x < cols; x++) {
      const o = <usize>x << 3;
      const fo = <usize>x << 2;
      store<f64>(vsum + o, load<f64>(vsum + o) + <f64>(load<f32>(s1 + fo) - load<f32>(s0 + fo)));
    }
    for (x = 0; x < (m + 1) * 5; x++) {
      store<f64>(vsum - (<usize>(1 + x) << 3), load<f64>(vsum + (<usize>(4 - x) << 3)));
      store<f64>(vsum + (<usize>(cols + x) << 3), load<f64>(vsum + (<usize>(cols + x - 5) << 3)));
    }
    // (g11, g12), (g22, h1) and h2.
    let gA = f64x2.mul(v128.load(vsum), mmV);
    let gB = f64x2.mul(v128.load(vsum, 16), mmV);
    let h2 = load<f64>(vsum, 32) * mm;
    for (x = 1; x < m; x++) {
      const v = vsum + <usize>x * 40;
      gA = f64x2.add(gA, v128.load(v));
      gB = f64x2.add(gB, v128.load(v, 16));
      h2 += load<f64>(v, 32);
    }
    for (x = 0; x < w; x += 2) {
      let a = vsum + <usize>(x + m) * 40;
      let b = vsum + <usize>(x - m) * 40 - 40;
      gA = f64x2.add(gA, f64x2.sub(v128.load(a), v128.load(b)));
      gB = f64x2.add(gB, f64x2.sub(v128.load(a, 16), v128.load(b, 16)));
      h2 += load<f64>(a, 32) - load<f64>(b, 32);
      const sA0 = f64x2.mul(gA, scaleV);
      const sB0 = f64x2.mul(gB, scaleV);
      const h2s0 = h2 * scale;
      if (x + 1 < w) {
        a += 40; b += 40;
        gA = f64x2.add(gA, f64x2.sub(v128.load(a), v128.load(b)));
        gB = f64x2.add(gB, f64x2.sub(v128.load(a, 16), v128.load(b, 16)));
        h2 += load<f64>(a, 32) - load<f64>(b, 32);
      }
      // For an odd width the second lane repeats the last pixel and is not stored.
      const sA1 = f64x2.mul(gA, scaleV);
      const sB1 = f64x2.mul(gB, scaleV);
      const g11 = f64x2.shuffle(sA0, sA1, 0, 2);
      const g12 = f64x2.shuffle(sA0, sA1, 1, 3);
      const g22 = f64x2.shuffle(sB0, sB1, 0, 2);
      const h1 = f64x2.shuffle(sB0, sB1, 1, 3);
      const h2v = f64x2.replace_lane(f64x2.splat(h2s0), 1, h2 * scale);
      const idet = f64x2.div(f64x2.splat(1.0), f64x2.add(f64x2.sub(f64x2.mul(g11, g22), f64x2.mul(g12, g12)), f64x2.splat(1e-3)));
      const u = f64x2.mul(f64x2.sub(f64x2.mul(g11, h2v), f64x2.mul(g12, h1)), idet);
      const v = f64x2.mul(f64x2.sub(f64x2.mul(g22, h1), f64x2.mul(g12, h2v)), idet);
      const first = f32x4.demote_f64x2_zero(f64x2.shuffle(u, v, 0, 2));
      if (x + 1 < w) {
        v128.store(fl + (<usize>x << 3), f32x4.shuffle(first, f32x4.demote_f64x2_zero(f64x2.shuffle(u, v, 1, 3)), 0, 1, 4, 5));
      } else {
        v128.store64_lane(fl + (<usize>x << 3), first, 0);
      }
    }
    const y1 = y == h - 1 ? h : y - win;
    if (update && (y1 == h || y1 >= y0 + minStripe)) {
      updateMatrices(r0, r1, flow, matM, w, h, y0, y1);
      y0 = y1;
    }
  }
}
