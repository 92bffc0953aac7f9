/**
 * Textbook attention on nested arrays, loop by loop, as the reference the tensor code is checked
 * against. Matrices are number[rows][cols]; one call handles one sample.
 */
export type Mat = number[][];

export const matMul = (a: Mat, b: Mat): Mat => a.map((row) => b[0].map((_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0)));
const transpose = (a: Mat): Mat => a[0].map((_, j) => a.map((row) => row[j]));
const cols = (a: Mat, from: number, to: number): Mat => a.map((row) => row.slice(from, to));

function softmaxRows(a: Mat): Mat {
  return a.map((row) => {
    const m = Math.max(...row);
    const e = row.map((x) => Math.exp(x - m));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((x) => x / s);
  });
}

export function naiveMap(q: Mat, k: Mat): Mat {
  const d = q[0].length;
  return softmaxRows(matMul(q, transpose(k)).map((row) => row.map((x) => x / Math.sqrt(d))));
}

export interface NaiveParams {
  wq: Mat;
  wk: Mat;
  wv: Mat;
  wo: Mat;
}

/** Eq. (2): per head h, attention on columns h·dh…(h+1)·dh of the projections; concat; ·Wᴼ. */
function heads(qOf: Mat, kOf: Mat, vOf: Mat, n: number, wo: Mat): Mat {
  const dh = qOf[0].length / n;
  const parts: Mat[] = [];
  for (let h = 0; h < n; h++) {
    const sl = (m: Mat) => cols(m, h * dh, (h + 1) * dh);
    parts.push(matMul(naiveMap(sl(qOf), sl(kOf)), sl(vOf)));
  }
  const concat = parts[0].map((_, i) => parts.flatMap((p) => p[i]));
  return matMul(concat, wo);
}

export function naiveSelfAttention(x: Mat, p: NaiveParams, n: number): Mat {
  return heads(matMul(x, p.wq), matMul(x, p.wk), matMul(x, p.wv), n, p.wo);
}

/** Eqs. (3) and (4). */
export function naiveCrossModal(ass: Mat, avc: Mat, pa: NaiveParams, pc: NaiveParams, n: number): [Mat, Mat] {
  const fAss = heads(matMul(ass, pa.wq), matMul(ass, pa.wk), matMul(avc, pc.wv), n, pa.wo);
  const fAvc = heads(matMul(avc, pc.wq), matMul(avc, pc.wk), matMul(ass, pa.wv), n, pc.wo);
  return [fAss, fAvc];
}
