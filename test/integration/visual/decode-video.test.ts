import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AppError } from '../../../src-main/contract/errors.js';
import { decodeAudio } from '../../../src-main/media/decode-audio.js';
import { decodeVideo, decodeVideoArgs, type PictureStream } from '../../../src-main/media/decode-video.js';
import { makeClip, tempDir } from '../../helpers/media.js';

const dir = tempDir('vs-decode-video-');
const clip = makeClip(dir, { seconds: 3 });

function collect(width: number, height: number, format: 'rgb24' | 'gray', fps: number, chunkFrames: number, slow = false) {
  const got = { frames: 0, firsts: [] as number[], bytes: [] as Uint8Array[] };
  const stream: PictureStream = {
    width, height, format, fps, chunkFrames,
    async onFrames(frames, count, first) {
      assert.equal(frames.length, count * width * height * (format === 'rgb24' ? 3 : 1));
      got.firsts.push(first);
      got.frames += count;
      got.bytes.push(frames);
      // A slow consumer: back-pressure must hold ffmpeg, not drop frames.
      if (slow) await new Promise((r) => setTimeout(r, 20));
    },
  };
  return { stream, got };
}

test('one ffmpeg process: RGB at 1 fps, grey at 25 fps and 16 kHz PCM, chunked and in order', async () => {
  const rgb = collect(224, 224, 'rgb24', 1, 2);
  const grey = collect(128, 96, 'gray', 25, 20, true);
  let samples = 0;
  const result = await decodeVideo(clip, {
    pictures: [rgb.stream, grey.stream],
    sound: { sampleRate: 16000, chunkSamples: 8000, onSamples: (s) => void (samples += s.length) },
  });
  assert.deepEqual(result.frames, [3, 75]);
  assert.equal(rgb.got.frames, 3);
  assert.deepEqual(rgb.got.firsts, [0, 2]);
  assert.equal(grey.got.frames, 75);
  assert.deepEqual(grey.got.firsts, [0, 20, 40, 60]);
  assert.equal(result.samples, samples);
  assert.ok(Math.abs(samples - 48000) < 1600, `${samples} samples`);
  // The test pattern is colourful: not a blank frame.
  assert.ok(new Set(rgb.got.bytes[0].subarray(0, 224 * 224 * 3)).size > 50);
});

test('a start time skips into the film; the arguments name one pipe per stream', async () => {
  const grey = collect(64, 48, 'gray', 25, 100);
  const result = await decodeVideo(clip, { pictures: [grey.stream], start: 1 });
  assert.equal(result.frames[0], 50);
  const args = decodeVideoArgs(clip, [grey.stream, grey.stream], { sampleRate: 16000, chunkSamples: 1, onSamples: () => {} }, 2);
  assert.deepEqual(args.filter((a) => a.startsWith('pipe:')), ['pipe:3', 'pipe:4', 'pipe:5']);
  assert.equal(args[args.indexOf('-ss') + 1], '2.000');
});

test('missing tracks and unreadable files are bad media with a plain message', async () => {
  const isBadMedia = (pattern: RegExp) => (err: unknown) => {
    assert.ok(err instanceof AppError && err.code === 'bad_media', String(err));
    assert.match(err.message, pattern);
    return true;
  };
  const silent = makeClip(dir, { seconds: 1, name: 'silent.mp4', audio: false });
  await assert.rejects(
    decodeVideo(silent, { pictures: [], sound: { sampleRate: 16000, chunkSamples: 100, onSamples: () => {} } }),
    isBadMedia(/silent\.mp4 has no audio track/),
  );
  const sound = makeClip(dir, { seconds: 1, name: 'sound.mp4', video: false });
  await assert.rejects(decodeVideo(sound, { pictures: [collect(8, 8, 'gray', 25, 1).stream] }), isBadMedia(/sound\.mp4 has no video track/));
  await assert.rejects(decodeVideo(join(dir, 'absent.mp4'), { pictures: [collect(8, 8, 'gray', 25, 1).stream] }), isBadMedia(/could not decode/));
});

test('an abort kills ffmpeg and rejects; an error thrown by a consumer does too', async () => {
  const controller = new AbortController();
  const grey = collect(64, 48, 'gray', 25, 5);
  grey.stream.onFrames = () => controller.abort();
  await assert.rejects(decodeVideo(clip, { pictures: [grey.stream], signal: controller.signal }), { name: 'AbortError' });
  const failing = collect(64, 48, 'gray', 25, 5);
  failing.stream.onFrames = () => {
    throw new Error('store is full');
  };
  await assert.rejects(decodeVideo(clip, { pictures: [failing.stream] }), /store is full/);
});

test('the soundtrack is sample for sample what decodeAudio gives, from the start and after a seek', async () => {
  for (const start of [0, 1.2]) {
    const alone = await decodeAudio(clip, { sampleRate: 16000, start });
    const parts: Float32Array[] = [];
    await decodeVideo(clip, {
      start,
      pictures: [collect(32, 24, 'gray', 25, 25).stream],
      sound: { sampleRate: 16000, chunkSamples: 5000, onSamples: (s) => void parts.push(s.slice()) },
    });
    const together = Float32Array.from(parts.flatMap((p) => [...p]));
    assert.equal(together.length, alone.length);
    assert.deepEqual(together, alone);
  }
});
