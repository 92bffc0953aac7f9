/**
 * Line spectral pairs from LPC coefficients by Chebyshev-domain root search (the Speex/openSMILE
 * algorithm): the roots of the symmetric and antisymmetric polynomials interleave on the unit circle,
 * so they are found alternately by a coarse scan from x = 1 towards -1 and refined by bisection.
 * Frequencies are in radians, 0..π.
 */

function chebyshev(coef: Float64Array, x: number, m: number): number {
  let b0 = 0;
  let b1 = 0;
  const x2 = 2 * x;
  for (let k = m; k > 0; k--) {
    const t = b0;
    b0 = x2 * b0 - b1 + coef[m - k];
    b1 = t;
  }
  return -b1 + 0.5 * x2 * b0 + coef[m];
}

/**
 * Writes up to `order` LSFs of `a` (a1..ap) into `freq` and returns how many roots were found; the
 * scan step is `delta`, subdivided by `bisections`.
 */
export function lpcToLspOnce(a: ArrayLike<number>, order: number, freq: Float64Array, bisections: number, delta: number): number {
  const m = order >> 1;
  const p = new Float64Array(m + 1);
  const q = new Float64Array(m + 1);
  p[0] = 1;
  q[0] = 1;
  for (let i = 0; i < m; i++) {
    p[i + 1] = a[i] + a[order - 1 - i] - p[i];
    q[i + 1] = a[i] - a[order - 1 - i] + q[i];
  }
  for (let i = 0; i < m; i++) {
    p[i] *= 2;
    q[i] *= 2;
  }

  let roots = 0;
  let xr = 0;
  let xl = 1;
  for (let j = 0; j < order; j++) {
    const poly = j & 1 ? q : p;
    let psuml = chebyshev(poly, xl, m);
    let searching = true;
    while (searching && xr >= -1) {
      let dd = delta * (1 - 0.9 * xl * xl);
      if (Math.abs(psuml) < 0.2) dd *= 0.5;
      xr = xl - dd;
      const psumr = chebyshev(poly, xr, m);
      if (psumr * psuml < 0) {
        roots++;
        let xm = 0;
        for (let k = 0; k <= bisections; k++) {
          xm = 0.5 * (xl + xr);
          const psumm = chebyshev(poly, xm, m);
          if (psumm * psuml < 0) {
            xr = xm;
          } else {
            psuml = psumm;
            xl = xm;
          }
        }
        xm = Math.min(1, Math.max(-1, xm));
        freq[j] = Math.acos(xm);
        xl = xm;
        searching = false;
      } else {
        psuml = psumr;
        xl = xr;
      }
    }
  }
  return roots;
}

/** openSMILE's cLsp: a coarse scan first, a finer one if roots were missed, zeros for any still missing. */
export function lpcToLsp(a: ArrayLike<number>, order: number, freq: Float64Array): void {
  let roots = lpcToLspOnce(a, order, freq, 10, 0.2);
  if (roots !== order) {
    roots = lpcToLspOnce(a, order, freq, 10, 0.05);
    if (roots !== order) freq.fill(0, roots, order);
  }
}
