/**
 * Attention and the encoder layer as ONNX nodes, mirroring valence/model/attention.ts and
 * layers.ts encoderLayer. Heads stay a separate axis ([b, h, t, dh]) rather than folded into the
 * batch as TF.js does: MatMul batches over both, and the sums are the same.
 */
import { dense, layerNorm, linear, relu, type ModelGraph } from './graph-blocks.js';

interface Heads {
  q: string;
  k: string;
  v: string;
}

/** [b, t, h·dh] → [b, h, t, dh]. */
const splitHeads = (m: ModelGraph, x: string, heads: number, dims: number) =>
  m.g.node('Transpose', [m.g.node('Reshape', [x, m.g.ints([0, 0, heads, dims / heads])])], { perm: { ints: [0, 2, 1, 3] } });

/** Query, key and value of one attention module, from its [d, 3d] projection. */
function project(m: ModelGraph, x: string, name: string, heads: number, dims: number): Heads {
  const [q, k, v] = m.g.nodeN('Split', [linear(m, x, `${name}.wqkv`)], 3, { axis: { i: 2 } }).map((y) => splitHeads(m, y, heads, dims));
  return { q, k, v };
}

/** softmax(QKᵀ/√dh)·V per head. */
function attend(m: ModelGraph, q: string, k: string, v: string, heads: number, dims: number): string {
  const kT = m.g.node('Transpose', [k], { perm: { ints: [0, 1, 3, 2] } });
  const scores = m.g.node('Mul', [m.g.node('MatMul', [q, kT]), m.g.scalar(1 / Math.sqrt(dims / heads))]);
  return m.g.node('MatMul', [m.g.node('Softmax', [scores], { axis: { i: -1 } }), v]);
}

/** Heads concatenated back to [b, t, d] (eq. 2), then the output projection. */
function output(m: ModelGraph, x: string, name: string, dims: number): string {
  const merged = m.g.node('Reshape', [m.g.node('Transpose', [x], { perm: { ints: [0, 2, 1, 3] } }), m.g.ints([0, 0, dims])]);
  return linear(m, merged, `${name}.wo`);
}

/** Eqs. (1)–(2): multi-head self-attention over [b, t, d]. */
export function selfAttention(m: ModelGraph, x: string, name: string, heads: number, dims: number): string {
  const { q, k, v } = project(m, x, name, heads, dims);
  return output(m, attend(m, q, k, v, heads, dims), name, dims);
}

/** Eqs. (3)–(4): each modality's attention map weights the other's values; returns [F'_ass, F'_avc]. */
export function crossModalAttention(m: ModelGraph, ass: string, avc: string, heads: number, dims: number): [string, string] {
  const s = project(m, ass, 'cross.ass', heads, dims);
  const c = project(m, avc, 'cross.avc', heads, dims);
  return [output(m, attend(m, s.q, s.k, c.v, heads, dims), 'cross.ass', dims), output(m, attend(m, c.q, c.k, s.v, heads, dims), 'cross.avc', dims)];
}

/** x = LN(x + MHA(x)); x = LN(x + FFN(x)) (post-norm, dropout the identity). */
export function encoderLayer(m: ModelGraph, x: string, name: string, heads: number, dims: number): string {
  const a = layerNorm(m, m.g.node('Add', [x, selfAttention(m, x, `${name}.attention`, heads, dims)]), `${name}.norm1`);
  const f = dense(m, relu(m, dense(m, a, `${name}.ffn1`)), `${name}.ffn2`);
  return layerNorm(m, m.g.node('Add', [a, f]), `${name}.norm2`);
}
