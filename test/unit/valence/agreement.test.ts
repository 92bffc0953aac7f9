/**
 * Agreement coefficients against published and hand-worked examples. Where a value is quoted to more
 * digits than its source prints, it was recomputed independently with NumPy 2.4 from the textbook
 * definitions (two-way ANOVA mean squares; Krippendorff's value-by-value coincidence matrix).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreement, COEFFICIENTS, commonFrames } from '../../../src-main/valence/stats/agreement.js';
import { linCcc, meanPairwise, pearson } from '../../../src-main/valence/stats/concordance.js';
import { cronbachAlpha, twoWayIcc } from '../../../src-main/valence/stats/icc.js';
import { krippendorffAlphaInterval } from '../../../src-main/valence/stats/krippendorff.js';
import { raterTraces } from '../../../src-main/valence/stats/rater-traces.js';
import type { ValenceSeriesInfo } from '../../../src-main/contract/domain.js';

const close = (got: number | null, want: number, tol: number, what: string) =>
  assert.ok(got !== null && Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}`);

/** Shrout & Fleiss (1979) Table 2: 6 targets (rows) × 4 judges (columns). */
const SF_TABLE_2 = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];
const sfJudges = [0, 1, 2, 3].map((j) => Float32Array.from(SF_TABLE_2, (row) => row[j]));

test('ICCs reproduce Shrout & Fleiss (1979) Table 2', () => {
  const icc = twoWayIcc(sfJudges);
  // As published, to two decimals.
  close(icc.icc_2_1, 0.29, 0.005, 'ICC(2,1)');
  close(icc.icc_3_1, 0.71, 0.005, 'ICC(3,1)');
  close(icc.icc_2_k, 0.62, 0.005, 'ICC(2,4)');
  close(icc.icc_3_k, 0.91, 0.005, 'ICC(3,4)');
  // BMS 11.2417, JMS 32.4861, EMS 1.0194 (the paper's Table 2 ANOVA), recomputed in full.
  close(icc.icc_2_1, 0.2897637795275592, 1e-12, 'ICC(2,1) exact');
  close(icc.icc_2_k, 0.6200505475989893, 1e-12, 'ICC(2,4) exact');
  close(icc.icc_3_1, 0.7148407148407154, 1e-12, 'ICC(3,1) exact');
  close(icc.icc_3_k, 0.9093155423770697, 1e-12, 'ICC(3,4) exact');
});

test("Cronbach's alpha: a hand-worked case and the identity with ICC(3,k)", () => {
  // Items (1,2,3) and (2,3,5): variances 1 and 7/3, totals (3,5,8) variance 19/3,
  // α = 2 · (1 − (10/3)/(19/3)) = 18/19.
  close(cronbachAlpha([[1, 2, 3], [2, 3, 5]]), 18 / 19, 1e-12, 'hand-worked α');
  close(cronbachAlpha(sfJudges), twoWayIcc(sfJudges).icc_3_k, 1e-12, 'α = ICC(3,k) on Table 2');
});

test("Krippendorff's interval alpha: the 2011 worked example with missing values", () => {
  // Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability": the example for any number of
  // observers with missing data (4 observers × 12 units, gaps as NaN); the paper gives α_interval = 0.849.
  const N = NaN;
  const data = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
  ];
  close(krippendorffAlphaInterval(data), 0.849, 0.0005, 'published, three decimals');
  close(krippendorffAlphaInterval(data), 0.8491071428571428, 1e-12, 'coincidence matrix');
});

test("Krippendorff's interval alpha on complete data matches the coincidence matrix", () => {
  close(krippendorffAlphaInterval(sfJudges), 0.14730785039046457, 1e-12, 'Table 2');
  // Two coders in perfect agreement: no observed disagreement.
  close(krippendorffAlphaInterval([[1, 2, 3, 4], [1, 2, 3, 4]]), 1, 1e-12, 'perfect');
});

test("Lin's concordance and Pearson: hand-worked pairs", () => {
  // x = (1,2,3), y = x + 1: s_x² = s_y² = s_xy = 2/3, (x̄ − ȳ)² = 1, ρc = (4/3)/(4/3 + 1) = 4/7.
  close(linCcc([1, 2, 3], [2, 3, 4]), 4 / 7, 1e-12, 'shifted CCC');
  close(pearson([1, 2, 3], [2, 3, 4]), 1, 1e-12, 'shifted r');
  // y = 2x: s_x² = 2/3, s_y² = 8/3, s_xy = 4/3, (x̄ − ȳ)² = 4, ρc = (8/3)/(10/3 + 4) = 4/11.
  close(linCcc([1, 2, 3], [2, 4, 6]), 4 / 11, 1e-12, 'scaled CCC');
  close(linCcc([1, 2, 3], [3, 2, 1]), -1, 1e-12, 'mirrored CCC');
  close(pearson([1, 2, 3, 4], [1, 3, 2, 4]), 0.8, 1e-12, 'r with one swap');
  close(meanPairwise([[1, 2, 3], [2, 3, 4], [1, 2, 3]], linCcc), (4 / 7 + 1 + 4 / 7) / 3, 1e-12, 'mean over three pairs');
});

test('agreement() gives every coefficient under its exact key', () => {
  const a = agreement(sfJudges);
  assert.deepEqual(Object.keys(a), [
    'raters', 'frames', 'cronbach_alpha', 'icc_2_1', 'icc_2_k', 'icc_3_1', 'icc_3_k',
    'krippendorff_alpha_interval', 'mean_pairwise_ccc', 'mean_pairwise_pearson',
  ]);
  assert.equal(a.raters, 4);
  assert.equal(a.frames, 6);
  close(a.icc_2_1, 0.2897637795275592, 1e-12, 'icc_2_1');
  close(a.cronbach_alpha, 0.9093155423770695, 1e-12, 'cronbach_alpha');
  close(a.krippendorff_alpha_interval, 0.14730785039046457, 1e-12, 'krippendorff');
  close(a.mean_pairwise_ccc, 0.3351081352124116, 1e-12, 'mean CCC');
  close(a.mean_pairwise_pearson, 0.7603077175599272, 1e-12, 'mean r');
});

test('frames any rater left unrated are left out, and a shorter trace ends its frames', () => {
  // Table 2 plus frames 6..9 that only one or two judges rated, the last judge's trace cut short.
  const withGaps = sfJudges.map((j, k) => {
    const t = new Float32Array(j.length + 3).fill(NaN);
    t.set(j, 0);
    t[j.length + k] = 5; // frames 6..9: never all four rated
    return t;
  });
  withGaps[1][6] = 3;
  const a = agreement([...withGaps.slice(0, 3), withGaps[3].subarray(0, 7)]);
  assert.equal(a.frames, 6);
  assert.deepEqual(a, agreement(sfJudges));
  const mid = sfJudges.map((j) => Float32Array.from([...j.slice(0, 3), NaN, ...j.slice(3)]));
  mid[2][3] = 1;
  assert.deepEqual(agreement(mid), agreement(sfJudges));
  assert.deepEqual(commonFrames([Float32Array.of(1, NaN, 3), Float32Array.of(4, 5, 6, 7)]), [Float64Array.of(1, 3), Float64Array.of(4, 6)]);
});

test('too few raters or common frames: counts, and null coefficients', () => {
  const none = Object.fromEntries(COEFFICIENTS.map((c) => [c, null]));
  assert.deepEqual(agreement([]), { raters: 0, frames: 0, ...none });
  assert.deepEqual(agreement([Float32Array.of(1, 2, 3)]), { raters: 1, frames: 3, ...none });
  assert.deepEqual(agreement([Float32Array.of(1, NaN, 3), Float32Array.of(NaN, 2, 3)]), { raters: 2, frames: 1, ...none });
  // Both raters constant at one value: defined counts, every ratio 0/0.
  assert.deepEqual(agreement([Float32Array.of(0.5, 0.5), Float32Array.of(0.5, 0.5)]), { raters: 2, frames: 2, ...none });
});

test('one trace per rater: the newest annotation, predictions left out, an unnamed rater by its trace name', () => {
  const row = (id: number, kind: ValenceSeriesInfo['kind'], rater: string | null, name = `s${id}`): ValenceSeriesInfo =>
    ({ id, movieId: 1, kind, name, rater, rate: 25, length: 10, modelVersion: null, createdAt: '2025-01-01 00:00:00' });
  const rows = [row(5, 'annotation', 'B'), row(2, 'annotation', 'A'), row(3, 'prediction', null), row(4, 'annotation', null, 'cognimuse.dat'), row(6, 'annotation', 'A')];
  assert.deepEqual(raterTraces(rows), [
    { rater: 'A', seriesId: 6 },
    { rater: 'cognimuse.dat', seriesId: 4 },
    { rater: 'B', seriesId: 5 },
  ]);
});
