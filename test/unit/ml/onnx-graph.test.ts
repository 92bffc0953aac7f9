import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OnnxGraph } from '../../../src-main/ml/onnx/graph.js';
import { openOnnx } from '../../../src-main/ml/onnx/session.js';

test('a written graph runs in ONNX Runtime: MatMul + Add, Reshape, Split, LayerNormalization, free batch', async () => {
  const g = new OnnxGraph();
  const x = g.input('x', ['batch', 4]);
  const w = g.weight('w', Float32Array.from([1, 0, 0, 1, 2, 0, 0, 2, 1, 1, 1, 1, 0, 0, 0, 0]), [4, 4]);
  const y = g.node('Add', [g.node('MatMul', [x, w]), g.weight('b', Float32Array.from([0, 0, 1, 1]), [4])]);
  const [left, right] = g.nodeN('Split', [y, g.ints([2, 2])], 2, { axis: { i: 1 } });
  const norm = g.node('LayerNormalization', [y, g.weight('gain', new Float32Array(4).fill(1), [4]), g.weight('bias', new Float32Array(4), [4])], { axis: { i: -1 }, epsilon: { f: 1e-5 } });
  g.output(g.node('Reshape', [left, g.ints([-1])]), 'left', ['n']);
  g.output(right, 'right', ['batch', 2]);
  g.output(norm, 'norm', ['batch', 4]);
  const runner = await openOnnx(g.encode('test'));
  try {
    const out = await runner.run({ x: { data: Float32Array.from([1, 2, 3, 4, 0, 0, 0, 1]), dims: [2, 4] } });
    // Row 1: [1,2,3,4]·w = [1+6, 2+6, 3·2+... ] computed by hand below.
    const w4 = [[1, 0, 0, 1], [2, 0, 0, 2], [1, 1, 1, 1], [0, 0, 0, 0]];
    const rows = [[1, 2, 3, 4], [0, 0, 0, 1]].map((r) => [0, 1, 2, 3].map((j) => r.reduce((s, v, k) => s + v * w4[k][j], 0) + (j >= 2 ? 1 : 0)));
    assert.deepEqual([...out.left], [rows[0][0], rows[0][1], rows[1][0], rows[1][1]]);
    assert.deepEqual([...out.right], [rows[0][2], rows[0][3], rows[1][2], rows[1][3]]);
    const mean = rows[0].reduce((a, b) => a + b) / 4;
    const sd = Math.sqrt(rows[0].reduce((a, b) => a + (b - mean) ** 2, 0) / 4 + 1e-5);
    rows[0].forEach((v, j) => assert.ok(Math.abs(out.norm[j] - (v - mean) / sd) < 1e-5));
  } finally {
    await runner.release();
  }
});

test('names repeat-safe: two weights with one hint get two names; equal int vectors share one', () => {
  const g = new OnnxGraph();
  assert.notEqual(g.weight('w', Float32Array.of(1), [1]), g.weight('w', Float32Array.of(2), [1]));
  assert.equal(g.ints([1, -1]), g.ints([1, -1]));
  assert.throws(() => g.weight('bad', Float32Array.of(1, 2), [3]), /has 2 values for shape \[3\]/);
});
