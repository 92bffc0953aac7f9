import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeHalf } from '../../../src-main/util/float16.js';
import { loadConvertedBackbone } from '../../../src-main/visual/onnx/converted-backbone.js';
import { tfjsGraphToOnnx } from '../../../src-main/visual/onnx/tfjs-to-onnx.js';
import { decodeTfWeights } from '../../../src-main/visual/onnx/tf-weights.js';
import { loadTfjsBackbone } from '../../../src-main/visual/tfjs-backbone.js';
import { readGraphModel } from '../../../src-main/visual/tfjs-graph-files.js';
import { tempDir } from '../../helpers/media.js';

const SIZE = 224;
const dir = tempDir('vs-onnx-graph-');

interface Node { name: string; op: string; input?: string[]; attr?: Record<string, unknown> }
interface Weight { name: string; shape: number[]; dtype?: 'float32' | 'int32'; values: number[]; half?: boolean }

const str = (v: string) => ({ s: Buffer.from(v).toString('base64') });
const ints = (...v: number[]) => ({ list: { i: v.map(String) } });
const op = (name: string, kind: string, input: string[], attr: Record<string, unknown> = {}): Node => ({ name, op: kind, input, attr });
const conv = (name: string, kind: string, input: string, { stride = 1, padding = 'SAME', dilation = 1, fused = ['BiasAdd'] } = {}, extra: Record<string, unknown> = {}) =>
  op(name, kind, [input, `${name}/filter`, ...(fused.length ? [`${name}/bias`] : [])], {
    strides: ints(1, stride, stride, 1), dilations: ints(1, dilation, dilation, 1), padding: str(padding), data_format: str('NHWC'),
    ...(fused.length ? { fused_ops: { list: { s: fused.map((f) => Buffer.from(f).toString('base64')) } }, num_args: { i: '1' } } : {}),
    ...extra,
  });
const constant = (name: string): Node => ({ name, op: 'Const' });

/** Deterministic scattered values in offset ± scale (the fractional part of a large sine). */
const noise = (n: number, seed: number, scale = 0.5, offset = 0) => Array.from({ length: n }, (_, i) => offset + ((Math.sin(seed * 97.3 + i * 12.9898) * 43758.5453) % 1) * scale);

/** Writes a TF.js graph model (input `x`, 1×224×224×3 NHWC) to a folder; `half` weights are float16-quantized as tensorflowjs_converter writes them. */
function writeModel(name: string, nodes: Node[], weights: Weight[]): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const input: Node = { name: 'x', op: 'Placeholder', attr: { shape: { shape: { dim: [1, SIZE, SIZE, 3].map((d) => ({ size: String(d) })) } } } };
  const data = weights.map((w) => {
    if (w.half) return Buffer.from(encodeHalf(Float32Array.from(w.values)).buffer);
    return Buffer.from((w.dtype === 'int32' ? Int32Array.from(w.values) : Float32Array.from(w.values)).buffer);
  });
  const manifest = weights.map(({ name: n, shape, dtype = 'float32', half }) => ({ name: n, shape, dtype, ...(half ? { quantization: { dtype: 'float16', original_dtype: 'float32' } } : {}) }));
  const consts = weights.map((w) => constant(w.name));
  writeFileSync(join(folder, 'model.json'), JSON.stringify({ format: 'graph-model', modelTopology: { node: [input, ...consts, ...nodes], library: {}, versions: {} }, weightsManifest: [{ paths: ['weights.bin'], weights: manifest }] }));
  writeFileSync(join(folder, 'weights.bin'), Buffer.concat(data));
  return folder;
}

/**
 * What the bundled graph does not exercise: a depthwise multiplier of 2, unfused convolutions, VALID
 * and dilated ones, a fused Relu6, a Mean over channels by a negative axis, constants of rank 1 and 4.
 */
function coverageModel(): string {
  const w = (name: string, shape: number[], seed: number, { half = false, offset = 0 } = {}): Weight => ({ name, shape, values: noise(shape.reduce((a, b) => a * b), seed, 0.5, offset), half });
  return writeModel('coverage', [
    conv('dw', 'DepthwiseConv2dNative', 'x', { stride: 2, fused: [] }),
    op('dw/relu', 'Relu', ['dw']),
    conv('dil', '_FusedConv2D', 'dw/relu', { padding: 'VALID', dilation: 2, fused: ['BiasAdd', 'Relu6'] }),
    conv('pw', 'Conv2D', 'dil', { stride: 2, fused: [] }),
    op('se/mean', 'Mean', ['pw', 'axes_hw'], { keep_dims: { b: true } }),
    op('se/scale', 'Mul', ['se/mean', 'gain']),
    op('se/shift', 'AddV2', ['shift4d', 'se/scale']),
    op('se/gate', 'Relu6', ['se/shift']),
    op('gated', 'Mul', ['pw', 'se/gate']),
    op('chan/mean', 'Mean', ['gated', 'axis_last'], { keep_dims: { b: true } }),
    op('mixed', 'Mul', ['gated', 'chan/mean']),
    op('out', 'Mul', ['two', 'mixed']),
  ], [
    // Pixels 0 … 1, weights within ±0.5, gate offsets > 0: no layer is all zeros; two biases near 6 make the fused Relu6 clip some values.
    w('dw/filter', [3, 3, 3, 2], 1, { half: true }),
    w('dil/filter', [3, 3, 6, 8], 3), { name: 'dil/bias', shape: [8], values: [0.2, 5.8, -0.1, 0.4, 5.5, 0.1, 0.3, 0.6] },
    w('pw/filter', [1, 1, 8, 8], 5),
    { name: 'axes_hw', shape: [2], dtype: 'int32', values: [1, 2] },
    { name: 'axis_last', shape: [1], dtype: 'int32', values: [-1] },
    w('gain', [8], 6, { half: true, offset: 0.2 }), w('shift4d', [1, 1, 1, 8], 7, { offset: 1.5 }), { name: 'two', shape: [], values: [2] },
  ]);
}

test('converted graph equals TF.js where the bundled graph does not reach: depthwise ×2, VALID, dilation, SE, channel mean', async () => {
  const options = { name: 'coverage', path: coverageModel(), outputNode: 'out', scaling: 'unit' } as const;
  const [tfjs, onnx] = [await loadTfjsBackbone(options), await loadConvertedBackbone(options)];
  try {
    assert.equal(onnx.fingerprint, tfjs.fingerprint);
    assert.equal(onnx.dims, 8);
    // Three different smooth pictures: colour waves of different periods and directions.
    const frames = new Uint8Array(3 * SIZE * SIZE * 3).map((_, i) => {
      const [f, p, c] = [Math.floor(i / (SIZE * SIZE * 3)), Math.floor(i / 3) % (SIZE * SIZE), i % 3];
      return 128 + 127 * Math.sin(((p % SIZE) * (f + 1) + Math.floor(p / SIZE) * (c + 1 - f)) * 0.05);
    });
    const [a, b] = [await tfjs.embed(frames, 3), await onnx.embed(frames, 3)];
    const scale = Math.max(...a.map(Math.abs));
    assert.ok(scale > 0.1, `degenerate test model (scale ${scale})`);
    a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-4 * scale, `value ${i}: TF.js ${v}, ONNX ${b[i]}`));
  } finally {
    tfjs.dispose();
    onnx.dispose();
  }
});

test('float16 weights expand exactly: normal, negative, subnormal, infinite', () => {
  const halves = Uint16Array.of(0x3c00, 0xc000, 0x0001, 0x83ff, 0x7bff, 0x7c00, 0xfc00, 0x0000);
  const t = decodeTfWeights(halves.buffer, [{ name: 'h', shape: [8], dtype: 'float32', quantization: { dtype: 'float16' } }]).get('h')!;
  assert.deepEqual([...t.values], [1, -2, 2 ** -24, -1023 * 2 ** -24, 65504, Infinity, -Infinity, 0]);
  assert.throws(() => decodeTfWeights(new ArrayBuffer(4), [{ name: 'q', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } }]), /weight q is stored as uint8, which the ONNX converter cannot read/);
  assert.throws(() => decodeTfWeights(new ArrayBuffer(4), [{ name: 'big', shape: [2], dtype: 'float32' }]), /weight big runs past the end/);
});

test('what the converter cannot convert is refused with the node and the reason', () => {
  const filter = (name: string): Weight[] => [{ name: `${name}/filter`, shape: [1, 1, 3, 2], values: noise(6, 1) }, { name: `${name}/bias`, shape: [2], values: [0, 0] }];
  const cases: [string, Node[], Weight[], string, RegExp][] = [
    ['nchw', [conv('c', '_FusedConv2D', 'x', {}, { data_format: str('NCHW') })], filter('c'), 'c', /node c \(_FusedConv2D\): data format NCHW is not supported/],
    ['explicit', [conv('c', 'Conv2D', 'x', { padding: 'EXPLICIT', fused: [] })], filter('c'), 'c', /node c \(Conv2D\): padding EXPLICIT is not supported/],
    ['batchnorm', [conv('c', '_FusedConv2D', 'x', { fused: ['FusedBatchNorm'] })], filter('c'), 'c', /fused ops FusedBatchNorm are not supported .*\(BiasAdd, then Relu or Relu6\)/],
    ['squeeze', [op('m', 'Mean', ['x', 'axes'], { keep_dims: { b: false } })], [{ name: 'axes', shape: [2], dtype: 'int32', values: [1, 2] }], 'm', /node m \(Mean\): only keep_dims=true/],
    ['consts', [op('a', 'Add', ['k', 'k'])], [{ name: 'k', shape: [], values: [1] }], 'a', /node a \(Add\): the ONNX converter needs a computed feature map/],
    ['port', [op('r', 'Relu', ['x:1'])], [], 'r', /node r reads output 1 of x; .*single-output ops only/],
    ['absent', [], [], 'nowhere', /the model has no node nowhere/],
  ];
  for (const [name, nodes, weights, output, pattern] of cases) {
    assert.throws(() => tfjsGraphToOnnx(readGraphModel(writeModel(name, nodes, weights)), output), pattern, name);
  }
});
