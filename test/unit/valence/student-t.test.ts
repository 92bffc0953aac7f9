/**
 * Student t CDF and the paired t-test against SciPy 1.17: the expected values were printed by
 *   from scipy import stats; stats.t.cdf(t, df); stats.ttest_rel(a, b)
 * with the inputs listed in each case. Tolerance 1e-10 absolute on probabilities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logGamma, pairedTTest, studentTCdf } from '../../../src-main/valence/stats/student-t.js';

const close = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}`);

test('ln Γ at known points', () => {
  close(logGamma(1), 0, 1e-13, 'lnΓ(1)');
  close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13, 'lnΓ(1/2)');
  close(logGamma(10), Math.log(362880), 1e-12, 'lnΓ(10)');
  close(logGamma(0.1), 2.252712651734206, 1e-12, 'lnΓ(0.1)');
});

test('t CDF matches closed forms for 1 and 2 degrees of freedom', () => {
  for (const t of [-7, -1.5, -0.2, 0, 0.3, 2, 25]) {
    close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12, `Cauchy ${t}`);
    close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-12, `ν=2 ${t}`);
  }
});

test('t CDF matches SciPy', () => {
  const cases: [number, number, number][] = [
    [0.5, 1, 0.6475836176504333],
    [2.228138851986, 10, 0.9749999999999883],
    [-1.3, 3, 0.14223375436394853],
    [4.0, 7, 0.9974050433253516],
    [0.1, 100, 0.5397277344520743],
    [-3.5, 30, 0.0007384037188221266],
    [12.0, 4, 0.9998617857257485],
    [1.0, 0.5, 0.698878389158678],
  ];
  for (const [t, df, want] of cases) close(studentTCdf(t, df), want, 1e-10, `t=${t} ν=${df}`);
});

test('paired t-test matches scipy.stats.ttest_rel', () => {
  const a = [0.4342, 0.4122, 0.4501, 0.3987, 0.465, 0.4213, 0.4402];
  const b = [0.4974, 0.4523, 0.4701, 0.4188, 0.5011, 0.4498, 0.4689];
  const r = pairedTTest(a, b);
  close(r.t, -5.9829920436576565, 1e-9, 't');
  close(r.p, 0.0009790040975637862, 1e-10, 'p');
  assert.equal(r.df, 6);
  const r2 = pairedTTest([0.31, 0.52, 0.47], [0.3, 0.45, 0.49]);
  close(r2.t, 0.7559289460184542, 1e-9, 't');
  close(r2.p, 0.5285954792089685, 1e-10, 'p');
});

test('degenerate samples follow SciPy: equal → NaN, constant shift → p = 0', () => {
  assert.ok(Number.isNaN(pairedTTest([0.4, 0.5], [0.4, 0.5]).p));
  assert.equal(pairedTTest([0.5, 0.6], [0.4, 0.5]).p, 0);
  assert.ok(Number.isNaN(pairedTTest([0.5], [0.4]).p));
});
