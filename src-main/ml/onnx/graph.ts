/**
 * Writes ONNX models from weights this program holds (a retrained detector head, a valence model,
 * a converted TF.js graph), so ONNX Runtime can run them. Names are made unique here; a builder
 * adds nodes in order and encodes one ModelProto. onnx-proto supplies the protobuf schema.
 */
import onnxProto, { type onnx } from 'onnx-proto';

// A CommonJS module: its namespace is reached through the default export at run time.
const proto = onnxProto.onnx;

/** ONNX opset the graphs are written for: 17 has LayerNormalization, which ORT fuses. */
export const OPSET = 17;

/** A dimension: a fixed size, or a named free one (the batch). */
export type Dim = number | string;

/** An attribute value, tagged, because ONNX tells 1 (int) from 1.0 (float). */
export type Attr = { i: number } | { f: number } | { ints: number[] } | { floats: number[] } | { s: string };

const FLOAT = proto.TensorProto.DataType.FLOAT;
const INT64 = proto.TensorProto.DataType.INT64;

function valueInfo(name: string, dims: Dim[]): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

function attribute(name: string, a: Attr): onnx.IAttributeProto {
  const T = proto.AttributeProto.AttributeType;
  if ('i' in a) return { name, type: T.INT, i: a.i };
  if ('f' in a) return { name, type: T.FLOAT, f: a.f };
  if ('ints' in a) return { name, type: T.INTS, ints: a.ints };
  if ('floats' in a) return { name, type: T.FLOATS, floats: a.floats };
  return { name, type: T.STRING, s: new TextEncoder().encode(a.s) };
}

export class OnnxGraph {
  readonly #nodes: onnx.INodeProto[] = [];
  readonly #initializers: onnx.ITensorProto[] = [];
  readonly #inputs: onnx.IValueInfoProto[] = [];
  readonly #outputs: onnx.IValueInfoProto[] = [];
  readonly #used = new Set<string>();
  readonly #ints = new Map<string, string>();

  /** A fresh name from `hint` (hints may repeat: layers built by one function). */
  #name(hint: string): string {
    let name = hint;
    for (let k = 1; this.#used.has(name); k++) name = `${hint}_${k}`;
    this.#used.add(name);
    return name;
  }

  input(name: string, dims: Dim[]): string {
    if (this.#used.has(name)) throw new Error(`ONNX graph input ${name} named twice`);
    this.#used.add(name);
    this.#inputs.push(valueInfo(name, dims));
    return name;
  }

  /** A float32 weight, stored raw (little-endian, as ONNX requires and as every platform we run on is). */
  weight(hint: string, values: Float32Array, dims: number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== values.length) throw new Error(`weight ${hint} has ${values.length} values for shape [${dims.join(', ')}]`);
    const name = this.#name(hint);
    this.#initializers.push({ name, dims, dataType: FLOAT, rawData: new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)) });
    return name;
  }

  /** A float32 scalar constant. */
  scalar(value: number): string {
    return this.weight('scalar', Float32Array.of(value), []);
  }

  /** An int64 vector (shapes, axes, split sizes); equal vectors share one initializer. */
  ints(values: number[]): string {
    const key = values.join(',');
    const known = this.#ints.get(key);
    if (known) return known;
    const name = this.#name(`ints_${values.map((v) => (v < 0 ? `m${-v}` : v)).join('_')}`);
    this.#initializers.push({ name, dims: [values.length], dataType: INT64, int64Data: values });
    this.#ints.set(key, name);
    return name;
  }

  /** One node with one output; returns the output's name. */
  node(op: string, inputs: string[], attrs: Record<string, Attr> = {}, hint = op.toLowerCase()): string {
    return this.nodeN(op, inputs, 1, attrs, hint)[0];
  }

  /** One node with `count` outputs (Split). */
  nodeN(op: string, inputs: string[], count: number, attrs: Record<string, Attr> = {}, hint = op.toLowerCase()): string[] {
    const outputs = Array.from({ length: count }, () => this.#name(hint));
    this.#nodes.push({
      opType: op,
      input: inputs,
      output: outputs,
      name: this.#name(`${hint}_node`),
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outputs;
  }

  /** Marks `value` as a graph output under `name` (an Identity node when the names differ). */
  output(value: string, name: string, dims: Dim[]): void {
    if (value !== name) {
      if (this.#used.has(name)) throw new Error(`ONNX graph output ${name} clashes with a value`);
      this.#used.add(name);
      this.#nodes.push({ opType: 'Identity', input: [value], output: [name], name: this.#name('output_node') });
    }
    this.#outputs.push(valueInfo(name, dims));
  }

  encode(graphName: string): Uint8Array {
    const model = proto.ModelProto.create({
      irVersion: 8,
      producerName: 'valence-studio',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: { name: graphName, node: this.#nodes, initializer: this.#initializers, input: this.#inputs, output: this.#outputs },
    });
    return proto.ModelProto.encode(model).finish();
  }
}
