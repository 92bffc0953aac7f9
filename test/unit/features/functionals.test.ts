/** emobase2010 functionals on vectors small enough to work out by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contourFunctionals, countOnsets, FunctionalsScratch, FUNCTIONALS, VOICED_FUNCTIONALS } from '../../../src-main/features/emobase2010/functionals.js';

function functionals(x: number[], voicedOnly = false): Record<string, number> {
  const names = voicedOnly ? VOICED_FUNCTIONALS : FUNCTIONALS;
  const out = new Float32Array(names.length);
  contourFunctionals(Float32Array.from(x), 0, x.length, 1, voicedOnly, out, 0, new FunctionalsScratch(4));
  return Object.fromEntries(names.map((n, i) => [n, out[i]]));
}

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('functionals of 1, 2, 3, 4', () => {
  const f = functionals([1, 2, 3, 4]);
  close(f.maxPos, 0.75); // first index of the maximum / N
  close(f.minPos, 0);
  close(f.amean, 2.5);
  close(f.linregc1, 1); // slope per frame
  close(f.linregc2, 1); // value at frame 0
  close(f.linregerrA, 0);
  close(f.linregerrQ, 0);
  close(f.stddev, Math.sqrt(1.25)); // population standard deviation
  close(f.skewness, 0);
  close(f.kurtosis, (2 * 1.5 ** 4 + 2 * 0.5 ** 4) / 4 / 1.25 ** 2); // = 1.64, not excess kurtosis
  close(f.quartile1, 1.75); // linear interpolation at 0.25·(N-1)
  close(f.quartile2, 2.5);
  close(f.quartile3, 3.25);
  close(f['iqr1-2'], 0.75);
  close(f['iqr2-3'], 0.75);
  close(f['iqr1-3'], 1.5);
  close(f['percentile1.0'], 1.03);
  close(f['percentile99.0'], 3.97);
  close(f['pctlrange0-1'], 2.94);
  close(f.upleveltime75, 0.25); // share of frames above min + 0.75·range = 3.25
  close(f.upleveltime90, 0.25); // above 3.7
});

test('linear regression errors of 0, 2, 0, 2', () => {
  const f = functionals([0, 2, 0, 2]);
  close(f.linregc1, 0.4);
  close(f.linregc2, 0.4);
  // Residuals -0.4, 1.2, -1.2, 0.4.
  close(f.linregerrA, 0.8);
  close(f.linregerrQ, 0.8);
});

test('a constant contour has no spread and no time above its levels', () => {
  const f = functionals([5, 5, 5]);
  close(f.stddev, 0);
  close(f.skewness, 0);
  close(f.kurtosis, 0);
  close(f.upleveltime75, 0);
  close(f.maxPos, 0);
});

test('voiced-only functionals skip zeros and have 19 values; all-unvoiced gives zeros', () => {
  assert.equal(VOICED_FUNCTIONALS.length, 19);
  const f = functionals([0, 100, 0, 200, 0], true);
  close(f.amean, 150);
  close(f.maxPos, 0.5); // position among the voiced frames
  assert.equal(f['percentile1.0'], undefined);
  const none = functionals([0, 0, 0], true);
  assert.ok(Object.values(none).every((v) => v === 0));
});

test('onsets count rises above zero after the first frame', () => {
  const x = Float32Array.from([0, 100, 100, 0, 0, 120, 0, 130]);
  assert.equal(countOnsets(x, 0, x.length), 3);
  assert.equal(countOnsets(x, 1, 7), 2, 'a window starting voiced does not count that as an onset');
});
