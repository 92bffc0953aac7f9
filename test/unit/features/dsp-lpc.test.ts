/** Linear prediction and line spectral pairs on signals with known answers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autocorrelation, levinsonDurbin } from '../../../src-main/features/dsp/lpc.js';
import { lpcToLsp } from '../../../src-main/features/dsp/lsp.js';

/** Deterministic white noise in [-1, 1) (a 32-bit LCG), so the test never flakes. */
function noise(n: number, seed = 1): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

test('Levinson-Durbin recovers an AR(2) process: x[n] = 1.3 x[n-1] - 0.6 x[n-2] + e[n]', () => {
  const e = noise(200000);
  const x = new Float64Array(e.length);
  for (let n = 2; n < x.length; n++) x[n] = 1.3 * x[n - 1] - 0.6 * x[n - 2] + e[n];
  const a = new Float64Array(2);
  const err = levinsonDurbin(autocorrelation(x, x.length, new Float64Array(3)), 2, a);
  // openSMILE's sign convention: A(z) = 1 + a1 z^-1 + a2 z^-2.
  assert.ok(Math.abs(a[0] + 1.3) < 0.01, `a1 = ${a[0]}`);
  assert.ok(Math.abs(a[1] - 0.6) < 0.01, `a2 = ${a[1]}`);
  assert.ok(err > 0);
});

test('LPC of silence is all zeros, not NaN', () => {
  const a = new Float64Array(8).fill(7);
  assert.equal(levinsonDurbin(new Float64Array(9), 8, a), 0);
  assert.deepEqual(Array.from(a), new Array(8).fill(0));
});

test('LSPs of A(z) = 1 are evenly spaced at kπ/9', () => {
  const freq = new Float64Array(8);
  lpcToLsp(new Float64Array(8), 8, freq);
  freq.forEach((f, k) => assert.ok(Math.abs(f - ((k + 1) * Math.PI) / 9) < 1e-3, `lsf ${k} = ${f}`));
});

test('LSPs of a stable filter are increasing and inside (0, π)', () => {
  const x = noise(4000, 7);
  for (let n = 2; n < x.length; n++) x[n] += 0.9 * x[n - 1] - 0.5 * x[n - 2];
  const a = new Float64Array(8);
  levinsonDurbin(autocorrelation(x, x.length, new Float64Array(9)), 8, a);
  const freq = new Float64Array(8);
  lpcToLsp(a, 8, freq);
  for (let k = 0; k < 8; k++) {
    assert.ok(freq[k] > 0 && freq[k] < Math.PI);
    if (k > 0) assert.ok(freq[k] > freq[k - 1]);
  }
});
