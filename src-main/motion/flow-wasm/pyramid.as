// AssemblyScript: the image pyramid steps of OpenCV's Farneback (GaussianBlur, resize, both with
// OpenCV's choice of code path for the sizes at hand), in OpenCV.js's scalar arithmetic order.

// GaussianBlur with a symmetric kernel given as taps 0…r (centre first), BORDER_REFLECT_101. A
// 3-tap kernel goes through OpenCV's SymmRowSmallFilter and SymmColumnSmallFilter, wider ones
// through RowFilter and SymmColumnFilter: each sums in its own order. (5 taps, its other small
// case, never occurs at pyrScale 0.5.)
export function gaussianBlur(src: usize, tmp: usize, dst: usize, w: i32, h: i32, kernel: usize, r: i32): void {
  const rowBytes = <usize>w << 2;
  for (let y = 0; y < h; y++) {
    const s = src + <usize>y * rowBytes;
    const d = tmp + <usize>y * rowBytes;
    // Lanes where all 2r+1 taps fall inside the row; the reflected edges pixel by pixel.
    let x = 0;
    for (; x < min(r, w); x++) store<f32>(d + (<usize>x << 2), rowTap(s, x, w, kernel, r));
    for (; x + 4 <= w - r; x += 4) v128.store(d + (<usize>x << 2), rowTaps(s + (<usize>x << 2), kernel, r));
    for (; x < w; x++) store<f32>(d + (<usize>x << 2), rowTap(s, x, w, kernel, r));
  }
  const k0 = load<f32>(kernel);
  const k0V = f32x4.splat(k0);
  const wq = w & ~3;
  for (let y = 0; y < h; y++) {
    const centre = tmp + <usize>y * rowBytes;
    const d = dst + <usize>y * rowBytes;
    if (r == 1) {
      const above = tmp + <usize>reflect101(y - 1, h) * rowBytes;
      const below = tmp + <usize>reflect101(y + 1, h) * rowBytes;
      const k1 = load<f32>(kernel, 4);
      const k1V = f32x4.splat(k1);
      for (let x = 0; x < wq; x += 4) {
        const o = <usize>x << 2;
        v128.store(d + o, f32x4.add(f32x4.mul(f32x4.add(v128.load(above + o), v128.load(below + o)), k1V), f32x4.mul(v128.load(centre + o), k0V)));
      }
      for (let x = wq; x < w; x++) {
        const o = <usize>x << 2;
        store<f32>(d + o, (load<f32>(above + o) + load<f32>(below + o)) * k1 + load<f32>(centre + o) * k0);
      }
    } else {
      for (let x = 0; x < wq; x += 4) {
        const o = <usize>x << 2;
        let sum = f32x4.mul(k0V, v128.load(centre + o));
        for (let j = 1; j <= r; j++) {
          const pair = f32x4.add(v128.load(tmp + <usize>reflect101(y + j, h) * rowBytes + o), v128.load(tmp + <usize>reflect101(y - j, h) * rowBytes + o));
          sum = f32x4.add(sum, f32x4.mul(f32x4.splat(tap(kernel, j)), pair));
        }
        v128.store(d + o, sum);
      }
      for (let x = wq; x < w; x++) {
        const o = <usize>x << 2;
        let sum = k0 * load<f32>(centre + o);
        for (let j = 1; j <= r; j++) sum += tap(kernel, j) * (load<f32>(tmp + <usize>reflect101(y + j, h) * rowBytes + o) + load<f32>(tmp + <usize>reflect101(y - j, h) * rowBytes + o));
        store<f32>(d + o, sum);
      }
    }
  }
}

// The row pass at x, edges reflected.
function rowTap(s: usize, x: i32, w: i32, kernel: usize, r: i32): f32 {
  if (r == 1) return load<f32>(s + (<usize>x << 2)) * load<f32>(kernel) + (pixel(s, x - 1, w) + pixel(s, x + 1, w)) * load<f32>(kernel, 4);
  let sum = tap(kernel, r) * pixel(s, x - r, w);
  for (let j = 1; j <= 2 * r; j++) sum += tap(kernel, j - r) * pixel(s, x - r + j, w);
  return sum;
}

// The row pass at the four pixels from p on, all taps inside the row.
@inline function rowTaps(p: usize, kernel: usize, r: i32): v128 {
  if (r == 1) {
    return f32x4.add(f32x4.mul(v128.load(p), f32x4.splat(load<f32>(kernel))), f32x4.mul(f32x4.add(v128.load(p - 4), v128.load(p + 4)), f32x4.splat(load<f32>(kernel, 4))));
  }
  const left = p - (<usize>r << 2);
  let sum = f32x4.mul(f32x4.splat(tap(kernel, r)), v128.load(left));
  for (let j = 1; j <= 2 * r; j++) sum = f32x4.add(sum, f32x4.mul(f32x4.splat(tap(kernel, j - r)), v128.load(left + (<usize>j << 2))));
  return sum;
}

@inline function tap(kernel: usize, offset: i32): f32 {
  return load<f32>(kernel + (<usize>abs(offset) << 2));
}

// BORDER_REFLECT_101 (…2 1 | 0 1 2 … n-1 | n-2 …), for kernels narrower than the image.
@inline function reflect101(i: i32, n: i32): i32 {
  return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
}

@inline function pixel(row: usize, x: i32, w: i32): f32 {
  return load<f32>(row + (<usize>reflect101(x, w) << 2));
}

// resize to exactly half size with INTER_LINEAR, which OpenCV turns into its fast 2×2 area average.
export function halve(src: usize, w: i32, h: i32, dst: usize): void {
  const dw = w >> 1;
  const dh = h >> 1;
  const rowBytes = <usize>w << 2;
  for (let y = 0; y < dh; y++) {
    const s0 = src + <usize>(2 * y) * rowBytes;
    const s1 = s0 + rowBytes;
    const d = dst + (<usize>(y * dw) << 2);
    for (let x = 0; x < dw; x++) {
      const o = <usize>(2 * x) << 2;
      const sum = load<f32>(s0 + o) + load<f32>(s0 + o, 4) + load<f32>(s1 + o) + load<f32>(s1 + o, 4);
      store<f32>(d + (<usize>x << 2), sum * <f32>0.25);
    }
  }
}

// resize(…, INTER_LINEAR) of a float image with `cn` interleaved channels, times `mul` (1, or 2
// for a flow taken to the next finer level, OpenCV's `flow *= 1/pyrScale`): OpenCV's generic
// linear resize, horizontal pass then vertical, coefficients as floats, edges clamped. `tmp`: two
// rows of the destination.
export function resizeLinear(src: usize, sw: i32, sh: i32, dst: usize, dw: i32, dh: i32, cn: i32, mul: f32, tmp: usize): void {
  const scaleX: f64 = <f64>sw / <f64>dw;
  const scaleY: f64 = <f64>sh / <f64>dh;
  const srcRow = <usize>(sw * cn) << 2;
  const hrow0 = tmp;
  const hrow1 = tmp + (<usize>(dw * cn) << 2);
  let cachedA = -1;
  let cachedB = -1;
  for (let dy = 0; dy < dh; dy++) {
    let fy = <f32>((<f64>dy + 0.5) * scaleY - 0.5);
    const sy = <i32>Mathf.floor(fy);
    fy -= <f32>sy;
    const ya = min(max(sy, 0), sh - 1);
    const yb = min(max(sy + 1, 0), sh - 1);
    if (ya != cachedA) { resizeRow(src + <usize>ya * srcRow, sw, hrow0, dw, cn, scaleX); cachedA = ya; }
    if (yb != cachedB) { resizeRow(src + <usize>yb * srcRow, sw, hrow1, dw, cn, scaleX); cachedB = yb; }
    const b0: f32 = <f32>1 - fy;
    const d = dst + (<usize>(dy * dw * cn) << 2);
    for (let i = 0; i < dw * cn; i++) {
      const o = <usize>i << 2;
      store<f32>(d + o, (load<f32>(hrow0 + o) * b0 + load<f32>(hrow1 + o) * fy) * mul);
    }
  }
}

function resizeRow(s: usize, sw: i32, d: usize, dw: i32, cn: i32, scaleX: f64): void {
  for (let dx = 0; dx < dw; dx++) {
    let fx = <f32>((<f64>dx + 0.5) * scaleX - 0.5);
    let sx = <i32>Mathf.floor(fx);
    fx -= <f32>sx;
    if (sx < 0) { fx = 0; sx = 0; }
    for (let c = 0; c < cn; c++) {
      const o = <usize>(dx * cn + c) << 2;
      if (sx + 1 >= sw) {
        // OpenCV's right-edge branch: the last source pixel times a weight of 1.
        store<f32>(d + o, load<f32>(s + (<usize>((sw - 1) * cn + c) << 2)));
      } else {
        const so = s + (<usize>(sx * cn + c) << 2);
        store<f32>(d + o, load<f32>(so) * (<f32>1 - fx) + load<f32>(so + (<usize>cn << 2)) * fx);
      }
    }
  }
}
