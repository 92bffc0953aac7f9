/**
 * The graph pieces every exported valence model is made of, each the ONNX twin of a TF.js forward
 * function in valence/model (linear.ts, layers.ts). Weights are found by the names Params gave
 * them, so a renamed parameter fails the export loudly instead of exporting a different model.
 */
import { OnnxGraph } from '../../ml/onnx/graph.js';
import type { ValenceModel } from '../model/model.js';
import { unflatten } from '../model/params.js';

/** A graph under construction and the model's weights by name (each written once, when first used). */
export interface ModelGraph {
  readonly g: OnnxGraph;
  weight(name: string): string;
}

export function modelGraph(model: ValenceModel): ModelGraph {
  const manifest = model.params.manifest();
  const values = unflatten(manifest, model.params.snapshot());
  const shapes = new Map(manifest.map((e) => [e.name, e.shape]));
  const written = new Map<string, string>();
  const g = new OnnxGraph();
  return {
    g,
    weight(name) {
      const v = values.get(name);
      if (!v) throw new Error(`cannot export ${model.config.architecture} to ONNX: it has no parameter ${name}`);
      let known = written.get(name);
      if (!known) written.set(name, (known = g.weight(name, v, shapes.get(name)!)));
      return known;
    },
  };
}

/** x·w (+ b) over the last axis; MatMul broadcasts over leading axes as linear.ts's reshapes do. */
export function linear(m: ModelGraph, x: string, w: string, b: string | null = null): string {
  const y = m.g.node('MatMul', [x, m.weight(w)]);
  return b === null ? y : m.g.node('Add', [y, m.weight(b)]);
}

/** layers.ts dense: parameters `${name}.w` and `${name}.b`. */
export const dense = (m: ModelGraph, x: string, name: string): string => linear(m, x, `${name}.w`, `${name}.b`);

export const relu = (m: ModelGraph, x: string): string => m.g.node('Relu', [x]);

/** layers.ts layerNorm: population variance, ε = 1e-5, over the last axis. */
export const layerNorm = (m: ModelGraph, x: string, name: string): string =>
  m.g.node('LayerNormalization', [x, m.weight(`${name}.gain`), m.weight(`${name}.bias`)], { axis: { i: -1 }, epsilon: { f: 1e-5 } });

/** layers.ts tokenize: x [b, tokens·segment] → [b, tokens, d], each segment embedded, plus positions. */
export function tokenize(m: ModelGraph, x: string, name: string, tokens: number, segment: number): string {
  const segments = m.g.node('Reshape', [x, m.g.ints([0, tokens, segment])]);
  return m.g.node('Add', [dense(m, segments, `${name}.embed`), m.weight(`${name}.position`)]);
}

/** Mean over the tokens (axis 1) of [b, tokens, d]; opset 17 still takes the axes as an attribute. */
export const meanTokens = (m: ModelGraph, x: string): string => m.g.node('ReduceMean', [x], { axes: { ints: [1] }, keepdims: { i: 0 } });

/** layers.ts classify: the two final dense layers (dropout is the identity at inference). */
export const classify = (m: ModelGraph, x: string): string => dense(m, relu(m, dense(m, x, 'head.hidden')), 'head.out');
