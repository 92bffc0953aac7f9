/**
 * The constants OpenCV's Farneback derives from its parameters, computed in the same float/double
 * steps as OpenCV 4.10 (Math.fround wherever C++ rounds to float) so the wasm build sees the same bits.
 */

/** FarnebackPrepareGaussian's polynomial-expansion kernels (taps 0…n) and inverse-Gram entries. */
export interface PolyExpansionConstants {
  g: Float32Array;
  xg: Float32Array;
  xxg: Float32Array;
  ig11: number;
  ig03: number;
  ig33: number;
  ig55: number;
}

const FLT_EPSILON = 1.1920929e-7;

export function polyExpansionConstants(n: number, polySigma: number): PolyExpansionConstants {
  const sigma = polySigma < FLT_EPSILON ? n * 0.3 : polySigma;
  const full = new Float32Array(2 * n + 1); // index x + n
  let s = 0;
  for (let x = -n; x <= n; x++) {
    full[x + n] = Math.exp((-x * x) / (2 * sigma * sigma));
    s += full[x + n];
  }
  s = 1 / s;
  for (let x = -n; x <= n; x++) full[x + n] = full[x + n] * s;
  const f = Math.fround;
  const G = new Float64Array(36);
  for (let y = -n; y <= n; y++) {
    for (let x = -n; x <= n; x++) {
      const gg = f(full[y + n] * full[x + n]);
      G[0] += gg;
      G[7] += f(f(gg * x) * x);
      G[21] += f(f(f(f(gg * x) * x) * x) * x);
      G[35] += f(f(f(f(gg * x) * x) * y) * y);
    }
  }
  G[14] = G[3] = G[4] = G[18] = G[24] = G[7];
  G[28] = G[21];
  G[22] = G[27] = G[35];
  const inv = choleskyInverse(G, 6);
  const g = full.slice(n);
  const xg = g.map((v, x) => f(x * v));
  const xxg = g.map((v, x) => f(x * x * v));
  return { g, xg, xxg, ig11: inv[7], ig03: inv[3], ig33: inv[21], ig55: inv[35] };
}

/** Mat::inv(DECOMP_CHOLESKY) of a symmetric positive-definite m×m matrix: hal::Cholesky64 solving against I. */
export function choleskyInverse(a: Float64Array, m: number): Float64Array {
  const L = Float64Array.from(a);
  for (let i = 0; i < m; i++) {
    let j = 0;
    for (; j < i; j++) {
      let s = L[i * m + j];
      for (let k = 0; k < j; k++) s -= L[i * m + k] * L[j * m + k];
      L[i * m + j] = s * L[j * m + j];
    }
    let s = L[i * m + i];
    for (let k = 0; k < j; k++) s -= L[i * m + k] * L[i * m + k];
    if (!(s >= 2.220446049250313e-16)) throw new Error('matrix is not positive definite');
    L[i * m + i] = 1 / Math.sqrt(s);
  }
  const b = new Float64Array(m * m);
  for (let i = 0; i < m; i++) b[i * m + i] = 1;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = b[i * m + j];
      for (let k = 0; k < i; k++) s -= L[i * m + k] * b[k * m + j];
      b[i * m + j] = s * L[i * m + i];
    }
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let j = 0; j < m; j++) {
      let s = b[i * m + j];
      for (let k = m - 1; k > i; k--) s -= L[k * m + i] * b[k * m + j];
      b[i * m + j] = s * L[i * m + i];
    }
  }
  return b;
}

/** One pyramid level as OpenCV builds it: its size and its GaussianBlur taps 0…r, centre first. */
export interface PyramidLevel {
  width: number;
  height: number;
  taps: Float32Array;
}

/**
 * calcOpticalFlowFarneback's pyramid for `levels` levels (1 = the frame alone) at pyrScale 0.5:
 * level k blurs the frame with sigma (2^k − 1)/2 and a kernel of cvRound(5·sigma)|1 (at least 3)
 * taps, then resizes it to cvRound(size/2^k).
 */
export function pyramidPlan(width: number, height: number, levels: number): PyramidLevel[] {
  const plan: PyramidLevel[] = [];
  for (let k = 0, scale = 1; k < levels; k++, scale *= 0.5) {
    const sigma = (1 / scale - 1) * 0.5;
    const size = Math.max(cvRound(sigma * 5) | 1, 3);
    plan.push({ width: cvRound(width * scale), height: cvRound(height * scale), taps: gaussianTaps(size, sigma) });
  }
  return plan;
}

/** OpenCV's cvRound (lrint): to the nearest integer, halves to even. */
export function cvRound(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * getGaussianKernel's bit-exact path for an odd size n, as floats, taps 0…n/2 (centre first).
 * Sigma ≤ 0 means OpenCV's fixed [¼ ½ ¼] for n = 3, the only such case the pyramid asks for.
 */
export function gaussianTaps(n: number, sigma: number): Float32Array {
  if (sigma <= 0) {
    if (n !== 3) throw new Error(`no fixed Gaussian kernel of ${n} taps here`);
    return Float32Array.of(0.5, 0.25);
  }
  const scale2X = -0.125 / (sigma * sigma);
  const half = (n - 1) / 2;
  const values: number[] = [];
  let sum = 0;
  for (let i = 0, x = 1 - n; i < half; i++, x += 2) {
    values.push(Math.exp(x * x * scale2X));
    sum += values[i];
  }
  const mul = 1 / (sum * 2 + 1);
  // values[0] is the outermost tap: reversed, they run from next to the centre outwards.
  return Float32Array.from([mul, ...values.reverse().map((v) => v * mul)]);
}
