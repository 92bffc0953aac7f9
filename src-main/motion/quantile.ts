/**
 * Order statistics of a float array in linear expected time (Floyd–Rivest selection), because sorting
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

/**
 * Puts the value of rank k (0-based) at index k, smaller ones left of it, larger ones right; returns
 * it. Floyd–Rivest: on large ranges it first selects within a small sample around the expected
 * position, so the final partition starts from a pivot close to rank k: a quarter faster than
 * Hoare's middle pivot on real flows, and four selections run for every frame pair.
 */
function select(a: Float32Array, n: number, k: number): number {
  selectRange(a, k, 0, n - 1);
  return a[k];
}

/** Ranges longer than this are first narrowed on a sample; it and the sample's size and spread are Floyd and Rivest's (1975). */
const SAMPLE_ABOVE = 600;

function selectRange(a: Float32Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > SAMPLE_ABOVE) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      selectRange(a, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)));
    }
    const pivot = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > pivot) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
    }
    if (a[left] === pivot) swap(a, left, j);
    else swap(a, ++j, right);
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
