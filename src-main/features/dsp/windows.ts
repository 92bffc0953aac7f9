/**
 * Analysis windows with openSMILE's definitions (symmetric, N-1 in the denominator), so spectra match
 * its output bin for bin.
 */

export function hammingWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1));
  return w;
}

export function hannWindow(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 * (1 - Math.cos((2 * Math.PI * i) / (n - 1)));
  return w;
}

/** `sigma` is relative to half the window length, clamped to (0, 0.5] as openSMILE does. */
export function gaussianWindow(n: number, sigma: number): Float64Array {
  const s = Math.min(0.5, sigma <= 0 ? 0.01 : sigma);
  const half = (n - 1) / 2;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i - half) / (s * half);
    w[i] = Math.exp(-0.5 * t * t);
  }
  return w;
}
