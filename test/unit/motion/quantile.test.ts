import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantileInPlace } from '../../../src-main/motion/quantile.js';

/** NumPy's default quantile (linear between order statistics), from a full sort. */
function sortedQuantile(values: Float32Array, q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  return sorted[lo] + (pos - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
}

/** Deterministic pseudo-random values in [0, 1). */
const noise = (length: number, seed: number) => Float32Array.from({ length }, (_, i) => (Math.sin((i + seed) * 12.9898) * 43758.5453) % 1);

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b} (±${tol})`);

test('quantiles match a sort, with interpolation between order statistics', () => {
  const values = noise(1001, 0);
  for (const q of [0, 0.1, 0.5, 0.9, 1]) close(quantileInPlace(values.slice(), values.length, q), sortedQuantile(values, q));
  close(quantileInPlace(Float32Array.from([3, 1, 2, 4]), 4, 0.5), 2.5);
  assert.equal(quantileInPlace(new Float32Array(0), 0, 0.5), 0);
});

test('quantiles of flow-sized arrays equal a sort exactly, ties and still pictures included', () => {
  const n = 128 * 72;
  const cases: Record<string, Float32Array> = {
    noise: noise(n, 7),
    // Most of the picture still, a moving block: the ties the camera median lands on.
    mostlyStill: Float32Array.from(noise(n, 3), (v, i) => (i % 10 === 0 ? v * 40 : 0)),
    // Speeds on a handful of levels, as from a quantised flow.
    fewLevels: Float32Array.from(noise(n, 5), (v) => Math.round(Math.abs(v) * 4)),
    ascending: Float32Array.from({ length: n }, (_, i) => i),
    descending: Float32Array.from({ length: n }, (_, i) => n - i),
    constant: new Float32Array(n).fill(2.5),
  };
  for (const [name, values] of Object.entries(cases)) {
    for (const q of [0, 0.5, 0.9, 1]) assert.equal(quantileInPlace(values.slice(), n, q), sortedQuantile(values, q), `${name} q=${q}`);
  }
});

test('only the first n values count, and they are reordered, not lost', () => {
  const values = Float32Array.from([9, 1, 8, 2, 7, 100, -100]);
  assert.equal(quantileInPlace(values, 5, 0.5), 7);
  assert.deepEqual([...values.subarray(0, 5)].sort((a, b) => a - b), [1, 2, 7, 8, 9]);
  assert.deepEqual([...values.subarray(5)], [100, -100]);
});
