/**
 * Converts a TF.js graph model, from its NHWC image input up to one inner feature map, into an ONNX
 * model that returns that map averaged over space: the embedding a backbone reads. Only the nodes
 * the feature map depends on are converted (the bundled CenterNet's detection head is left out).
 * Its input is `images`, N×3×H×W (NCHW); its output `embedding`, N×channels.
 */
import { OnnxGraph } from '../../ml/onnx/graph.js';
import type { GraphModelFiles } from '../tfjs-graph-files.js';
import { convertTfNode, type TfNode, type TfValue } from './tf-ops.js';
import { decodeTfWeights } from './tf-weights.js';

export const ONNX_INPUT = 'images';
export const ONNX_OUTPUT = 'embedding';

export function tfjsGraphToOnnx(files: GraphModelFiles, outputNode: string): Uint8Array {
  const nodes = (files.artifacts.modelTopology as { node: TfNode[] }).node;
  const byName = new Map(nodes.map((n) => [n.name, n]));
  if (!byName.has(outputNode)) throw new Error(`the model has no node ${outputNode}`);
  const { weightData, weightSpecs = [] } = files.artifacts;
  // readGraphModel joins the shards into one buffer.
  if (!(weightData instanceof ArrayBuffer)) throw new Error('the weights must come as one buffer');
  const weights = decodeTfWeights(weightData, weightSpecs);

  const g = new OnnxGraph();
  const values = new Map<string, TfValue>();
  // Depth-first from the output, each node after its inputs; an explicit stack, as backbones run to hundreds of nodes deep.
  const stack: { name: string; expanded: boolean }[] = [{ name: outputNode, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (values.has(top.name)) continue;
    const node = byName.get(top.name);
    if (!node) throw new Error(`the model has no node ${top.name}`);
    const inputs = dataInputs(node);
    if (!top.expanded) {
      stack.push({ name: top.name, expanded: true }, ...inputs.filter((i) => !values.has(i)).map((name) => ({ name, expanded: false })));
      continue;
    }
    values.set(node.name, convert(g, node, inputs.map((i) => values.get(i)!), weights));
  }

  const map = values.get(outputNode)!;
  if (!('map' in map)) throw new Error(`node ${outputNode} is a constant, not a feature map`);
  g.output(g.node('ReduceMean', [map.map], { axes: { ints: [2, 3] }, keepdims: { i: 0 } }), ONNX_OUTPUT, ['batch', 'channels']);
  return g.encode('tfjs-backbone');
}

/** Data inputs by node name: control dependencies (^name) carry no value; only first outputs are supported. */
function dataInputs(node: TfNode): string[] {
  return (node.input ?? []).filter((i) => !i.startsWith('^')).map((i) => {
    const [name, port = '0'] = i.split(':');
    if (port !== '0') throw new Error(`node ${node.name} reads output ${port} of ${name}; the ONNX converter supports single-output ops only`);
    return name;
  });
}

function convert(g: OnnxGraph, node: TfNode, inputs: TfValue[], weights: ReturnType<typeof decodeTfWeights>): TfValue {
  switch (node.op) {
    case 'Placeholder':
      return { map: g.input(ONNX_INPUT, ['batch', 3, 'height', 'width']) };
    case 'Const': {
      const constant = weights.get(node.name);
      if (!constant) throw new Error(`constant ${node.name} has no values in the weights manifest`);
      return { constant };
    }
    default:
      return { map: convertTfNode(g, node, inputs) };
  }
}
