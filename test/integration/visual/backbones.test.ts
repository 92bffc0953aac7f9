import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBackbone } from '../../../src-main/visual/load-backbone.js';
import { AppError } from '../../../src-main/contract/errors.js';
import { REPO_ROOT, tempDir } from '../../helpers/media.js';
import { channelMeanModel, classifierModel } from '../../helpers/visual/onnx-models.js';

const SIZE = 224;
const BUNDLED = join(REPO_ROOT, 'resources', 'models', 'visual-centernet');

function solidFrames(...colours: [number, number, number][]): Uint8Array {
  const out = new Uint8Array(colours.length * SIZE * SIZE * 3);
  colours.forEach((rgb, f) => {
    for (let p = 0; p < SIZE * SIZE; p++) out.set(rgb, (f * SIZE * SIZE + p) * 3);
  });
  return out;
}

/** A frame with structure: vertical stripes of a given period. */
function stripes(period: number): Uint8Array {
  const out = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) out.fill(Math.floor(x / period) % 2 ? 230 : 20, (y * SIZE + x) * 3, (y * SIZE + x + 1) * 3);
  return out;
}

const rejects = (promise: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AppError, `not an AppError: ${err}`);
    assert.equal(err.code, 'bad_request');
    assert.match(err.message, pattern);
    return true;
  });

test('bundled backbone: 480-d embeddings, batched like single frames', async () => {
  const backbone = await loadBackbone();
  assert.equal(backbone.name, 'centernet-mbv3');
  assert.equal(backbone.dims, 480);
  assert.equal(backbone.inputSize, SIZE);
  const frames = new Uint8Array(3 * SIZE * SIZE * 3);
  frames.set(stripes(8), 0);
  frames.set(stripes(32), SIZE * SIZE * 3);
  frames.set(solidFrames([200, 40, 40]), 2 * SIZE * SIZE * 3);
  const batch = await backbone.embed(frames, 3);
  assert.equal(batch.length, 3 * 480);
  assert.ok(batch.every(Number.isFinite));
  const single = await backbone.embed(frames.subarray(SIZE * SIZE * 3, 2 * SIZE * SIZE * 3), 1);
  single.forEach((v, i) => assert.ok(Math.abs(v - batch[480 + i]) < 1e-3 * (1 + Math.abs(v))));
  // Different pictures, different embeddings.
  const distance = (a: number, b: number) => Math.hypot(...Array.from({ length: 480 }, (_, i) => batch[a * 480 + i] - batch[b * 480 + i]));
  assert.ok(distance(0, 1) > 0.1 && distance(0, 2) > 0.1);
  backbone.dispose();
});

test('ONNX backbone: ImageNet-normalised NCHW input, batch-free, features as exported', async () => {
  const dir = tempDir();
  const path = join(dir, 'channel-means.onnx');
  writeFileSync(path, channelMeanModel());
  const backbone = await loadBackbone({ type: 'onnx', path });
  assert.equal(backbone.name, 'channel-means');
  assert.equal(backbone.dims, 3);
  const out = await backbone.embed(solidFrames([255, 0, 51], [124, 116, 104]), 2);
  const expected = [(1 - 0.485) / 0.229, (0 - 0.456) / 0.224, (0.2 - 0.406) / 0.225];
  // Float32 pooling over 50,176 pixels rounds at about 1e-4.
  expected.forEach((e, c) => assert.ok(Math.abs(out[c] - e) < 1e-3, `channel ${c}: ${out[c]} vs ${e}`));
  // ImageNet's mean colour normalises to ≈ 0.
  for (let c = 3; c < 6; c++) assert.ok(Math.abs(out[c]) < 0.02);
  backbone.dispose();
});

test('ONNX backbone with a fixed batch of 1 still embeds several frames', async () => {
  const path = join(tempDir(), 'fixed.onnx');
  writeFileSync(path, channelMeanModel(224, 1));
  const backbone = await loadBackbone({ type: 'onnx', path });
  const out = await backbone.embed(solidFrames([0, 0, 0], [255, 255, 255]), 2);
  assert.ok(out[0] < -2 && out[3] > 2);
  backbone.dispose();
});

test('bad backbone files: not a model, wrong input size, a classifier output, missing files', async () => {
  const dir = tempDir();
  const text = join(dir, 'notes.onnx');
  writeFileSync(text, 'this is not a model\n');
  await rejects(loadBackbone({ type: 'onnx', path: text }), /notes\.onnx is not an ONNX model/);

  const big = join(dir, 'inception.onnx');
  writeFileSync(big, channelMeanModel(299));
  await rejects(loadBackbone({ type: 'onnx', path: big }), /inception\.onnx expects input float32 \[batch, 3, 299, 299\].*3×224×224/);

  const classifier = join(dir, 'resnet50.onnx');
  writeFileSync(classifier, classifierModel());
  await rejects(loadBackbone({ type: 'onnx', path: classifier }), /1,000-class ImageNet classifier.*torch\.nn\.Identity/);

  await rejects(loadBackbone({ type: 'onnx', path: join(dir, 'absent.onnx') }), /no ONNX model at/);
  await rejects(loadBackbone({ type: 'tfjs', path: join(dir, 'absent') }), /no TF\.js model at/);
});

test('bad TF.js model folders: not JSON, a layers model, a missing shard, a fixed 512×512 input', async () => {
  const dir = tempDir();
  const folder = (name: string, json: string | object, withWeights = true) => {
    const d = join(dir, name);
    mkdirSync(d);
    writeFileSync(join(d, 'model.json'), typeof json === 'string' ? json : JSON.stringify(json));
    if (withWeights) copyFileSync(join(BUNDLED, 'centernet.bin'), join(d, 'centernet.bin'));
    return d;
  };
  await rejects(loadBackbone({ type: 'tfjs', path: folder('garbage', '{ not json') }), /garbage is not a TF\.js model/);
  await rejects(loadBackbone({ type: 'tfjs', path: folder('layers', { format: 'layers-model', modelTopology: {} }) }), /layers model/);
  const bundledJson = JSON.parse(readFileSync(join(BUNDLED, 'centernet.json'), 'utf8'));
  await rejects(loadBackbone({ type: 'tfjs', path: folder('noweights', bundledJson, false) }), /weight file centernet\.bin is missing/);
  // As a user model the CenterNet keeps its declared 1×512×512×3 input, which the stage cannot feed.
  await rejects(loadBackbone({ type: 'tfjs', path: folder('fixed512', bundledJson) }), /fixed512 expects input of shape \[1, 512, 512, 3\]/);
});
