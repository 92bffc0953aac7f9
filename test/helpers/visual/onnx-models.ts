/**
 * Tiny ONNX models written byte by byte (protobuf wire format), so the ONNX backbone can be tested
 * without torch, the onnx package or a 100 MB ResNet-50. Field numbers are those of onnx.proto3.
 */

const varint = (n: number): number[] => {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
};
const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, n: number) => [...key(field, 0), ...varint(n)];
const bytes = (field: number, b: ArrayLike<number>) => [...key(field, 2), ...varint(b.length), ...Array.from(b)];
const str = (field: number, s: string) => bytes(field, new TextEncoder().encode(s));

type Dim = number | string;

function valueInfo(name: string, shape: Dim[] | null): number[] {
  const dims = (shape ?? []).map((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  const tensorType = [...int(1, 1 /* FLOAT */), ...(shape ? bytes(2, dims.flat()) : [])];
  return [...str(1, name), ...bytes(2, bytes(1, tensorType))];
}

function node(op: string, inputs: string[], outputs: string[]): number[] {
  return [...inputs.flatMap((i) => str(1, i)), ...outputs.flatMap((o) => str(2, o)), ...str(3, `${op}_0`), ...str(4, op)];
}

function initializer(name: string, dims: number[], values: Float32Array): number[] {
  return [...dims.flatMap((d) => int(1, d)), ...int(2, 1 /* FLOAT */), ...str(8, name), ...bytes(9, new Uint8Array(values.buffer))];
}

function model(nodes: number[][], inputs: number[][], outputs: number[][], initializers: number[][] = []): Uint8Array {
  const graph = [
    ...nodes.flatMap((n) => bytes(1, n)),
    ...str(2, 'test'),
    ...initializers.flatMap((t) => bytes(5, t)),
    ...inputs.flatMap((i) => bytes(11, i)),
    ...outputs.flatMap((o) => bytes(12, o)),
  ];
  return Uint8Array.from([...int(1, 7 /* IR version */), ...str(2, 'valence-studio-tests'), ...bytes(7, graph), ...bytes(8, int(2, 13 /* opset */))]);
}

/** Image in, per-channel mean out: the "embedding" of a frame is its three normalised channel means. */
export function channelMeanModel(size = 224, batch: Dim = 'batch'): Uint8Array {
  return model(
    [node('GlobalAveragePool', ['input'], ['pooled']), node('Flatten', ['pooled'], ['features'])],
    [valueInfo('input', [batch, 3, size, size])],
    [valueInfo('features', null)],
  );
}

/** A 1,000-class head on top of the channel means: what a torchvision export with its fc layer looks like. */
export function classifierModel(): Uint8Array {
  return model(
    [node('GlobalAveragePool', ['input'], ['pooled']), node('Flatten', ['pooled'], ['flat']), node('MatMul', ['flat', 'fc'], ['logits'])],
    [valueInfo('input', ['batch', 3, 224, 224])],
    [valueInfo('logits', null)],
    [initializer('fc', [3, 1000], new Float32Array(3000))],
  );
}
