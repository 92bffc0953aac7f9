/**
 * Order statistics of a float array in linear expected time (Hoare's selection), because sorting
 * ten thousand flow magnitudes per frame pair would cost more than the flow statistics themselves.
 */

/**
 * The q-quantile (0 ≤ q ≤ 1) of the first `n` values of `values`, by linear interpolation between
 * order statistics (NumPy's default). `values` is reordered in place: pass a scratch copy.
 */
export function quantileInPlace(values: Float32Array, n: number, q: number): number {
  if (n <= 0) return 0;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const below = select(values, n, lo);
  if (lo + 1 >= n || pos === lo) return below;
  // After selecting rank lo, every value right of it is ≥ it: rank lo+1 is their minimum.
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (values[i] < next) next = values[i];
  return below + (pos - lo) * (next - below);
}

/** Puts the value of rank k (0-based) at index k, smaller ones left of it, larger ones right; returns it. */
function select(a: Float32Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}
