import { test } from 'node:test';
import assert from 'node:assert/strict';
import { framesToInput } from '../../../src-main/visual/preprocess.js';
import { userModelName } from '../../../src-main/visual/backbone.js';

const close = (a: number, b: number, tol = 1e-5) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

/** Two 2×2 frames: the first all (255, 0, 51), the second a ramp. */
const frames = Uint8Array.from([
  ...[255, 0, 51, 255, 0, 51, 255, 0, 51, 255, 0, 51],
  ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
]);

test('ImageNet normalisation, channels first: (x/255 − mean) / std per channel', () => {
  const x = framesToInput(frames, 2, 2, 'imagenet', 'NCHW');
  assert.equal(x.length, 24);
  close(x[0], (1 - 0.485) / 0.229); // R plane of frame 0
  close(x[4], (0 - 0.456) / 0.224); // G plane
  close(x[8], (0.2 - 0.406) / 0.225); // B plane
  // Frame 1, G plane, pixel 3 is byte 10.
  close(x[12 + 4 + 3], (10 / 255 - 0.456) / 0.224);
});

test('raw and unit scaling keep the interleaved order in channels-last layout', () => {
  assert.deepEqual([...framesToInput(frames, 2, 2, 'raw', 'NHWC')], [...frames]);
  const unit = framesToInput(frames, 1, 2, 'unit', 'NHWC');
  close(unit[0], 1);
  close(unit[2], 0.2);
});

test('Caffe scaling swaps to BGR and subtracts the channel means', () => {
  const x = framesToInput(frames, 1, 2, 'caffe', 'NHWC');
  close(x[0], 51 - 103.939);
  close(x[1], 0 - 116.779);
  close(x[2], 255 - 123.68);
});

test('too few bytes for the frames is an error', () => {
  assert.throws(() => framesToInput(new Uint8Array(10), 1, 2, 'raw', 'NHWC'), /need 12 bytes/);
});

test('user model names come from the file or the model.json folder', () => {
  assert.equal(userModelName('/m/ResNet50.onnx', undefined), 'resnet50');
  assert.equal(userModelName('/m/resnet50_tfjs/model.json', undefined), 'resnet50_tfjs');
  assert.equal(userModelName('/m/resnet50 tfjs/', undefined), 'resnet50-tfjs');
  assert.equal(userModelName('/m/x.onnx', 'ResNet-50'), 'resnet-50');
});
