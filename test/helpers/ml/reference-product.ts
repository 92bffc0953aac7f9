/** op(A)·op(B) in float64 from row-major arrays: the reference the products' tests compare with. */
export function referenceProduct(a: Float32Array, [ar, ac]: number[], b: Float32Array, [br, bc]: number[], ta: boolean, tb: boolean): Float64Array {
  const [m, k] = ta ? [ac, ar] : [ar, ac];
  const n = tb ? br : bc;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * ac + i] : a[i * ac + p]) * (tb ? b[j * bc + p] : b[p * bc + j]);
      out[i * n + j] = s;
    }
  }
  return out;
}
