/**
 * TF graph ops as ONNX nodes, for the ops a convolutional backbone exported by tensorflowjs_converter
 * uses (the bundled CenterNet/MobileNetV3 needs exactly these). The TF graph is NHWC; the ONNX graph
 * is NCHW throughout, the layout ONNX Runtime's convolutions are written for, so weights and constants
 * are rearranged here once and no Transpose runs per frame.
 */
import type { OnnxGraph } from '../../ml/onnx/graph.js';
import { hwioToOihw } from '../../ml/onnx/layout.js';
import type { TfConst } from './tf-weights.js';

/** A node of model.json's modelTopology, as tensorflowjs_converter writes it. */
export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttr>;
}

interface TfAttr {
  s?: string;
  b?: boolean;
  list?: { i?: string[]; s?: string[] };
}

/** A value in the TF graph: a 4-D feature map computed in ONNX (named, NCHW), or a constant. */
export type TfValue = { map: string } | { constant: TfConst };

type Converter = (g: OnnxGraph, node: TfNode, inputs: TfValue[]) => string;

const CONVERTERS: Record<string, Converter> = {
  Conv2D: (g, node, inputs) => conv(g, node, inputs, false),
  _FusedConv2D: (g, node, inputs) => conv(g, node, inputs, false),
  DepthwiseConv2dNative: (g, node, inputs) => conv(g, node, inputs, true),
  FusedDepthwiseConv2dNative: (g, node, inputs) => conv(g, node, inputs, true),
  Relu: (g, node, [x]) => g.node('Relu', [featureMap(node, x)]),
  Relu6: (g, node, [x]) => relu6(g, featureMap(node, x)),
  Add: (g, node, inputs) => elementwise(g, node, 'Add', inputs),
  AddV2: (g, node, inputs) => elementwise(g, node, 'Add', inputs),
  Mul: (g, node, inputs) => elementwise(g, node, 'Mul', inputs),
  Mean: mean,
};

/** Adds the ONNX nodes computing `node`; returns the feature map it yields. */
export function convertTfNode(g: OnnxGraph, node: TfNode, inputs: TfValue[]): string {
  const convert = CONVERTERS[node.op];
  if (!convert) throw new Error(`node ${node.name}: op ${node.op} is not supported by the ONNX converter (supported: ${Object.keys(CONVERTERS).join(', ')})`);
  return convert(g, node, inputs);
}

const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
const ints = (node: TfNode, key: string) => (node.attr?.[key]?.list?.i ?? []).map(Number);

function featureMap(node: TfNode, v: TfValue | undefined): string {
  if (v && 'map' in v) return v.map;
  throw new Error(`node ${node.name} (${node.op}): the ONNX converter needs a computed feature map here, not a constant`);
}

function constant(node: TfNode, v: TfValue | undefined, what: string): TfConst {
  if (v && 'constant' in v) return v.constant;
  throw new Error(`node ${node.name} (${node.op}): its ${what} must be a constant for the ONNX converter`);
}

function relu6(g: OnnxGraph, x: string): string {
  return g.node('Clip', [x, g.scalar(0), g.scalar(6)], {}, 'relu6');
}

function conv(g: OnnxGraph, node: TfNode, inputs: TfValue[], depthwise: boolean): string {
  const at = `node ${node.name} (${node.op})`;
  const format = node.attr?.data_format?.s ? text(node.attr.data_format.s) : 'NHWC';
  if (format !== 'NHWC') throw new Error(`${at}: data format ${format} is not supported by the ONNX converter`);
  const padding = node.attr?.padding?.s ? text(node.attr.padding.s) : '';
  if (padding !== 'SAME' && padding !== 'VALID') throw new Error(`${at}: padding ${padding} is not supported by the ONNX converter`);
  const [, sh = 1, sw = 1] = ints(node, 'strides');
  const [, dh = 1, dw = 1] = ints(node, 'dilations');
  const filter = constant(node, inputs[1], 'filter');
  const [kh, kw, cin, last] = filter.shape;
  const cout = depthwise ? cin * last : last;
  const weights = g.weight(`${node.name}/filter`, depthwise ? depthwiseToOihw(filter) : hwioToOihw(filter.values, filter.shape), [cout, depthwise ? 1 : cin, kh, kw]);
  const fused = (node.attr?.fused_ops?.list?.s ?? []).map(text);
  const bias = fused[0] === 'BiasAdd' ? [g.weight(`${node.name}/bias`, Float32Array.from(constant(node, inputs[2], 'bias').values), [cout])] : [];
  const activation = fused.slice(bias.length);
  if (activation.length > 1 || (activation.length === 1 && !['Relu', 'Relu6'].includes(activation[0]))) {
    throw new Error(`${at}: fused ops ${fused.join(' + ')} are not supported by the ONNX converter (BiasAdd, then Relu or Relu6)`);
  }
  // TF's SAME puts the odd padding pixel after, as ONNX's SAME_UPPER does.
  const y = g.node('Conv', [featureMap(node, inputs[0]), weights, ...bias], {
    auto_pad: { s: padding === 'SAME' ? 'SAME_UPPER' : 'VALID' },
    strides: { ints: [sh, sw] },
    dilations: { ints: [dh, dw] },
    kernel_shape: { ints: [kh, kw] },
    group: { i: depthwise ? cin : 1 },
  });
  if (activation[0] === 'Relu') return g.node('Relu', [y]);
  return activation[0] === 'Relu6' ? relu6(g, y) : y;
}

/** TF depthwise [kh, kw, in, multiplier] → ONNX grouped [in · multiplier, 1, kh, kw]: TF's output channel i · multiplier + m is group i's m-th. */
function depthwiseToOihw({ shape: [kh, kw, cin, mult], values }: TfConst): Float32Array {
  return hwioToOihw(values, [kh, kw, 1, cin * mult]);
}

/** Add or Mul of a feature map and another map or a constant broadcast NHWC-wise. */
function elementwise(g: OnnxGraph, node: TfNode, op: 'Add' | 'Mul', [a, b]: TfValue[]): string {
  const operand = (v: TfValue) => ('map' in v ? v.map : g.weight(`${node.name}/const`, ...constantNchw(node, v.constant)));
  if (a && b && ('map' in a || 'map' in b)) return g.node(op, [operand(a), operand(b)]);
  throw new Error(`node ${node.name} (${op}): the ONNX converter needs a computed feature map among its inputs`);
}

/** A constant that broadcasts against NHWC maps, rearranged to broadcast the same way against NCHW ones. */
function constantNchw(node: TfNode, { shape, values }: TfConst): [Float32Array, number[]] {
  const floats = Float32Array.from(values);
  if (shape.length === 0) return [floats, []];
  if (shape.length > 4) throw new Error(`node ${node.name} (${node.op}): a rank-${shape.length} constant cannot broadcast against a feature map`);
  const [n, h, w, c] = [...Array<number>(4 - shape.length).fill(1), ...shape];
  const out = new Float32Array(floats.length);
  for (let i = 0; i < n; i++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    out[((i * c + k) * h + y) * w + x] = floats[((i * h + y) * w + x) * c + k];
  }
  return [out, [n, c, h, w]];
}

/** NHWC axis → NCHW axis. */
const NCHW_AXIS = [0, 2, 3, 1];

function mean(g: OnnxGraph, node: TfNode, [x, axes]: TfValue[]): string {
  if (!node.attr?.keep_dims?.b) throw new Error(`node ${node.name} (Mean): only keep_dims=true is supported by the ONNX converter (the maps stay 4-D)`);
  const nhwc = Array.from(constant(node, axes, 'reduction axes').values, (a) => (a + 4) % 4);
  return g.node('ReduceMean', [featureMap(node, x)], { axes: { ints: nhwc.map((a) => NCHW_AXIS[a]) }, keepdims: { i: 1 } });
}
