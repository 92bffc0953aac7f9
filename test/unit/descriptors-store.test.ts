import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Project } from '../../src-main/store/project.js';
import { decodeHalf, encodeHalf, fromHalf, toHalf } from '../../src-main/util/float16.js';
import { tempDir } from '../helpers/media.js';

test('half floats: exact for representable values, nearest-even otherwise, specials kept', () => {
  for (const x of [0, 1, -2, 0.5, 65504, 2 ** -24, -(2 ** -14), 1 + 1 / 1024]) assert.equal(fromHalf(toHalf(x)), x);
  assert.equal(fromHalf(toHalf(1 + 1 / 2048)), 1); // tie → even
  assert.equal(fromHalf(toHalf(1 + 3 / 2048)), 1 + 2 / 1024);
  assert.equal(fromHalf(toHalf(1e6)), Infinity);
  assert.ok(Number.isNaN(fromHalf(toHalf(NaN))));
  const v = Float32Array.from([0.1, -3.14159, 123.456]);
  decodeHalf(encodeHalf(v)).forEach((y, i) => assert.ok(Math.abs(y - v[i]) <= Math.abs(v[i]) * 2 ** -11));
});

test('descriptor sets append chunks, resume, read ranges across chunks, and restart on new settings', () => {
  const p = Project.open(join(tempDir(), 'd.vsproj'));
  const movie = p.movies.insert({
    path: '/x.mp4', title: 'x', contentHash: 'h', sizeBytes: 1, duration: 10, fps: 25, audio: null, video: null,
  });
  const spec = { movieId: movie.id, kind: 'audio.emobase2010', settingsHash: 'v1', rate: 25, dims: 2 };
  let set = p.descriptors.open(spec);
  p.descriptors.append(set.id, Float32Array.from([0, 0, 1, 10, 2, 20]));
  set = p.descriptors.append(set.id, Float32Array.from([3, 30, 4, 40]), 'float16');
  assert.equal(set.frames, 5);
  // Reopening with the same settings resumes the same set.
  assert.equal(p.descriptors.open(spec).id, set.id);
  assert.deepEqual([...p.descriptors.read(set.id, 2, 4)], [2, 20, 3, 30]);
  assert.throws(() => p.descriptors.append(set.id, Float32Array.from([1])), /not a whole number of 2-d frames/);
  p.descriptors.markComplete(set.id);
  assert.throws(() => p.descriptors.append(set.id, Float32Array.from([1, 2])), /complete/);
  const fresh = p.descriptors.open({ ...spec, settingsHash: 'v2' });
  assert.equal(fresh.settingsHash, 'v2');
  assert.equal(fresh.frames, 0);
  assert.equal(p.descriptors.list(movie.id).length, 1);
  assert.ok(p.integrityOk());
  p.close();
});
