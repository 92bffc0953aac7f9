/**
 * What both detector networks end with, written as ONNX: the BiGRU (sed/model/bigru.ts) and the
 * frame and attention layers. bigru.ts keeps both directions in one [2D, 6H] kernel with gate columns
 * [z_f z_b | r_f r_b | n_f n_b] and block masks; ONNX's GRU takes one [3H, D] matrix per direction in
 * z, r, h order, and its linear_before_reset=1 is the same reset-after candidate, so the weights map
 * one to one and the masked-off blocks are simply never read.
 */
import type { OnnxGraph } from '../../ml/onnx/graph.js';

/** A network's weights by name (throwing for a name it lacks), row-major as TF.js holds them. */
export interface NetWeights {
  get(name: string): Float32Array;
  shape(name: string): number[];
}

export interface TailShape {
  classes: number;
  gruUnits: number;
}

/** Sizes of the graph's free dimensions, for the graph's declared inputs and outputs. */
export const BATCH = 'batch';
export const FRAMES = 'frames';
const STEPS = 'steps';

/**
 * One direction's rows of a bigru.ts matrix ([2·rows, 6H]: direction d's rows are d·rows …) as ONNX
 * wants them: [3H, rows], gate g's unit u in row g·H + u.
 */
function directionMatrix(m: Float32Array, rows: number, units: number, d: number): Float32Array {
  const cols = 6 * units;
  const out = new Float32Array(3 * units * rows);
  for (let g = 0; g < 3; g++) {
    for (let u = 0; u < units; u++) {
      const col = g * 2 * units + d * units + u;
      for (let i = 0; i < rows; i++) out[(g * units + u) * rows + i] = m[(d * rows + i) * cols + col];
    }
  }
  return out;
}

/** One direction's entries of a [6H] bigru.ts bias, in ONNX's z, r, h order. */
function directionBias(b: Float32Array, units: number, d: number): Float32Array {
  const out = new Float32Array(3 * units);
  for (let g = 0; g < 3; g++) out.set(b.subarray(g * 2 * units + d * units, g * 2 * units + (d + 1) * units), g * units);
  return out;
}

const stack = (parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

/**
 * sequence [B, T, D] → the graph's outputs: `embedding` [B, T, 2H] (forward then backward state),
 * `logits` and `attention` [B, T, K], and `activity` = sigmoid(logits), which is what inference reads.
 * `extraLogits` [B, T, K] is added to the frame logits (the head's direct path).
 */
export function writeRecurrentTail(g: OnnxGraph, sequence: string, inputDims: number, w: NetWeights, shape: TailShape, extraLogits?: string): void {
  const units = shape.gruUnits;
  const both = (f: (d: number) => Float32Array) => stack([f(0), f(1)]);
  const kernel = g.weight('gru_W', both((d) => directionMatrix(w.get('gru/kernel'), inputDims, units, d)), [2, 3 * units, inputDims]);
  const recurrent = g.weight('gru_R', both((d) => directionMatrix(w.get('gru/recurrent'), units, units, d)), [2, 3 * units, units]);
  const bias = g.weight('gru_B', both((d) => stack([directionBias(w.get('gru/bias'), units, d), directionBias(w.get('gru/recurrent_bias'), units, d)])), [2, 6 * units]);
  const timeMajor = g.node('Transpose', [sequence], { perm: { ints: [1, 0, 2] } });
  // Y is [T, 2, B, H]; row t of each direction is already its state at t (ONNX aligns the backward one).
  const states = g.node('GRU', [timeMajor, kernel, recurrent, bias], { hidden_size: { i: units }, direction: { s: 'bidirectional' }, linear_before_reset: { i: 1 } });
  const embedding = g.node('Reshape', [g.node('Transpose', [states], { perm: { ints: [2, 0, 1, 3] } }), g.ints([0, 0, -1])]);
  const dense = (name: string) => g.node('Add', [g.node('MatMul', [embedding, g.weight(`${name}_kernel`, w.get(`${name}/kernel`), [2 * units, shape.classes])]), g.weight(`${name}_bias`, w.get(`${name}/bias`), [shape.classes])]);
  const logits = extraLogits ? g.node('Add', [dense('frame'), extraLogits]) : dense('frame');
  const out = [BATCH, STEPS, shape.classes];
  g.output(embedding, 'embedding', [BATCH, STEPS, 2 * units]);
  g.output(logits, 'logits', out);
  g.output(dense('attention'), 'attention', out);
  g.output(g.node('Sigmoid', [logits]), 'activity', out);
}

/** (x − mean) / std per feature of the last axis, as both networks normalise their input. */
export function writeNormalise(g: OnnxGraph, x: string, mean: readonly number[], std: readonly number[]): string {
  // 1/std rounded to float32 first, as TF.js divides once and multiplies.
  const invStd = Float32Array.from(std, (s) => 1 / Math.fround(s));
  return g.node('Mul', [g.node('Sub', [x, g.weight('input_mean', Float32Array.from(mean), [mean.length])]), g.weight('input_inv_std', invStd, [std.length])]);
}
