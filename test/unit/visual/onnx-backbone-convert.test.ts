import { test, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { decodeVideo } from '../../../src-main/media/decode-video.js';
import type { Backbone } from '../../../src-main/visual/backbone.js';
import { loadBackbone, loadOnOnnxRuntime } from '../../../src-main/visual/load-backbone.js';
import { loadConvertedBackbone } from '../../../src-main/visual/onnx/converted-backbone.js';
import { tfjsGraphToOnnx } from '../../../src-main/visual/onnx/tfjs-to-onnx.js';
import { BUNDLED_BACKBONE, loadTfjsBackbone } from '../../../src-main/visual/tfjs-backbone.js';
import { freeInputSize, readGraphModel } from '../../../src-main/visual/tfjs-graph-files.js';
import { makeClip, REPO_ROOT, tempDir } from '../../helpers/media.js';

const SIZE = 224;
const dir = tempDir('vs-onnx-backbone-');
const BUNNY = join(REPO_ROOT, '..', 'shared', 'data', 'video', 'big_buck_bunny_0_30.webm');

/** Frames as Analyze gets them: one decode, scaled to 224×224 RGB24 at `fps`. */
async function decodeFrames(path: string, fps: number): Promise<{ frames: Uint8Array; count: number }> {
  const chunks: Uint8Array[] = [];
  const result = await decodeVideo(path, {
    pictures: [{ width: SIZE, height: SIZE, format: 'rgb24', fps, chunkFrames: 8, onFrames: (f) => void chunks.push(f.slice()) }],
  });
  return { frames: Buffer.concat(chunks), count: result.frames[0] };
}

let tfjs: Backbone;
let onnx: Backbone;
after(() => {
  tfjs?.dispose();
  onnx?.dispose();
});

/** Max abs difference, and the same over the largest |value| (the embedding's scale). */
function compare(a: Float32Array, b: Float32Array) {
  let abs = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    abs = Math.max(abs, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]));
  }
  return { abs, rel: abs / scale };
}

async function assertSameEmbeddings(label: string, frames: Uint8Array, count: number) {
  tfjs ??= await loadTfjsBackbone(BUNDLED_BACKBONE);
  onnx ??= await loadConvertedBackbone(BUNDLED_BACKBONE);
  assert.equal(onnx.name, tfjs.name);
  assert.equal(onnx.dims, tfjs.dims);
  assert.equal(onnx.fingerprint, tfjs.fingerprint);
  const tensors = tf.memory().numTensors;
  const [a, b] = [await tfjs.embed(frames, count), await onnx.embed(frames, count)];
  assert.equal(tf.memory().numTensors, tensors, 'TF.js leaked tensors');
  assert.equal(b.length, count * 480);
  const { abs, rel } = compare(a, b);
  console.log(`${label}: ${count} frames, max abs diff ${abs.toExponential(2)}, max rel diff ${rel.toExponential(2)}`);
  assert.ok(rel < 1e-4, `ONNX Runtime differs from TF.js by ${rel} of the embedding scale`);
}

test('bundled backbone on ONNX Runtime: the same embeddings as TF.js on a decoded test clip', async () => {
  const { frames, count } = await decodeFrames(makeClip(dir, { seconds: 3, audio: false }), 4);
  await assertSameEmbeddings('test clip', frames, count);
});

test('bundled backbone on ONNX Runtime: the same embeddings as TF.js on Big Buck Bunny', { skip: !existsSync(BUNNY) && 'no ../shared/data/video' }, async () => {
  const { frames, count } = await decodeFrames(BUNNY, 1);
  await assertSameEmbeddings('Big Buck Bunny', frames, count);
});

test('loadBackbone() runs the bundled backbone on ONNX Runtime, without falling back', async () => {
  const warn = mock.method(console, 'warn', () => {});
  try {
    const backbone = await loadBackbone();
    onnx ??= await loadConvertedBackbone(BUNDLED_BACKBONE);
    const frames = new Uint8Array(SIZE * SIZE * 3).map((_, i) => (i * 7919) % 256);
    assert.deepEqual(await backbone.embed(frames, 1), await onnx.embed(frames, 1));
    assert.equal(backbone.fingerprint, onnx.fingerprint);
    backbone.dispose();
    assert.equal(warn.mock.callCount(), 0);
  } finally {
    warn.mock.restore();
  }
});

/** The bundled model with the op of `node` replaced: a graph the converter cannot read but TF.js can. */
function withOp(node: string, op: string): string {
  const folder = join(dir, `with-${op}`);
  mkdirSync(folder, { recursive: true });
  const json = JSON.parse(readFileSync(BUNDLED_BACKBONE.path, 'utf8')) as { modelTopology: { node: { name: string; op: string }[] } };
  json.modelTopology.node.find((n) => n.name === node)!.op = op;
  writeFileSync(join(folder, 'model.json'), JSON.stringify(json));
  copyFileSync(join(BUNDLED_BACKBONE.path, '..', 'centernet.bin'), join(folder, 'centernet.bin'));
  return folder;
}

test('an op the converter lacks: a clear error naming node and op; the loader falls back to TF.js with a warning', async () => {
  const node = 'tower_0/MobilenetV3/Conv/hard_swish/Relu6';
  const folder = withOp(node, 'Elu');
  assert.throws(
    () => tfjsGraphToOnnx(freeInputSize(readGraphModel(folder)), BUNDLED_BACKBONE.outputNode),
    (err: Error) => err.message.startsWith(`node ${node}: op Elu is not supported by the ONNX converter (supported: `),
  );
  const warn = mock.method(console, 'warn', () => {});
  try {
    const backbone = await loadOnOnnxRuntime({ ...BUNDLED_BACKBONE, path: folder });
    assert.equal(warn.mock.callCount(), 1);
    assert.match(String(warn.mock.calls[0].arguments[0]), /centernet-mbv3 runs on TF\.js: centernet-mbv3 cannot be converted to ONNX: node .*Relu6: op Elu is not supported/);
    assert.equal(backbone.dims, 480);
    backbone.dispose();
  } finally {
    warn.mock.restore();
  }
});
