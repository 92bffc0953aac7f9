/**
 * A film whose picture stops before its sound (4 s of picture): Analyze completes every stage with
 * one row per 25 Hz frame of the film. The audio and sound-event stages run to the end of the sound;
 * the picture stages hold the last picture to it, as a player shows it, and say so, so the held
 * stretch reads as a still picture (no motion, the same visual features). A picture analysis
 * resumed past the picture's end holds its last stored rows and stores what an uninterrupted one
 * does; a picture cut short with the sound, or with ffmpeg errors, is still a decoding failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openSession } from '../../src-main/app/session.js';
import { pictureEnding } from '../../src-main/media/decode-video.js';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { probeMedia } from '../../src-main/media/probe.js';
import { Project } from '../../src-main/store/project.js';
import { analyzePicture } from '../../src-main/analysis/picture-path.js';
import { loadBackbone } from '../../src-main/visual/load-backbone.js';
import { tempDir } from '../helpers/media.js';

function shortPictureClip(dir: string, soundSeconds = 10): string {
  const out = join(dir, `short-picture-${soundSeconds}.mp4`);
  execFileSync(ffmpegBinaries().ffmpeg, ['-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=4',
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${soundSeconds}`,
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', '-c:a', 'aac', '-movflags', '+faststart', out]);
  return out;
}

test('a picture shorter than the sound: audio and sound events to the end, the last picture held', async () => {
  const dir = tempDir();
  const session = openSession(join(dir, 'short.vsproj'));
  try {
    const { api, project } = session;
    await api.call('movies.import', { path: shortPictureClip(dir) });
    await api.jobs.whenIdle();
    const [movie] = project.movies.list();
    const job = await api.call('movies.analyze', { movieId: movie.id });
    await api.jobs.whenIdle();
    const done = project.jobs.get(job.id);
    assert.equal(done.state, 'done', done.message);
    const stages = (done.result as { stages: Record<string, string> }).stages;
    assert.equal(stages.audio, 'done');
    assert.match(stages['sound events'], /^done/);
    for (const s of ['visual', 'motion']) assert.match(stages[s], /^done: the picture ends at 4\.0 s; its last frame is held to the end of the sound \(10\.0 s\)$/, s);

    const frames = Math.ceil(movie.duration * 25);
    assert.equal(frames, 250);
    const sets = project.descriptors.list(movie.id);
    assert.deepEqual(sets.map((s) => s.kind.split('.')[0]).sort(), ['audio', 'motion', 'sed', 'sed', 'visual']);
    for (const set of sets) {
      assert.ok(set.complete, `${set.kind} complete`);
      assert.equal(set.frames, frames, `${set.kind}: one row per 25 Hz frame of the sound`);
    }
    // Past the picture's end and the 400 ms motion window reaching back into it, every row is the same.
    const held = Math.ceil(4.4 * 25);
    for (const kind of ['motion.flow', sets.find((s) => s.kind.startsWith('visual.'))!.kind]) {
      const set = sets.find((s) => s.kind === kind)!;
      const rows = project.descriptors.read(set.id, held);
      for (let f = 1; f < rows.length / set.dims; f++) assert.deepEqual(rows.subarray(f * set.dims, (f + 1) * set.dims), rows.subarray(0, set.dims), `${kind} row ${f}`);
    }
    // A held picture is a still shot: no speed, next to nothing moving (the flow's own noise).
    const motion = sets.find((s) => s.kind === 'motion.flow')!;
    const last = project.descriptors.read(motion.id, frames - 1);
    const column = (name: string) => last[motion.names!.indexOf(name)];
    assert.ok(column('speed_median') < 1e-3 && column('speed_p90') < 1e-3, 'no speed');
    assert.ok(column('moving_fraction') < 0.01, `moving fraction ${column('moving_fraction')}`);
  } finally {
    session.close();
  }
});

test('a picture analysis resumed past the end of a short picture holds its last rows, as an uninterrupted one', async () => {
  const dir = tempDir();
  const clip = shortPictureClip(dir, 30);
  const info = await probeMedia(clip);
  const backbone = await loadBackbone();
  const analyse = async (name: string, stopAt?: number) => {
    const project = Project.open(join(dir, name));
    const movie = project.movies.insert({ path: clip, title: 'short', contentHash: 'short', sizeBytes: info.sizeBytes, duration: info.duration, fps: info.fps, audio: info.audio, video: info.video });
    const controller = new AbortController();
    const stored = () => Math.min(...project.descriptors.list(movie.id).map((s) => s.frames));
    if (stopAt !== undefined) {
      await assert.rejects(analyzePicture(project, movie.id, { backbone, signal: controller.signal, onProgress: () => stored() >= stopAt && controller.abort() }), { name: 'AbortError' });
      assert.ok(stored() >= stopAt && stored() < 750, `stopped with ${stored()} rows stored`);
    }
    const sets = await analyzePicture(project, movie.id, { backbone });
    const rows = [sets.visual, sets.motion].map((s) => (assert.equal(s.frames, 750), project.descriptors.read(s.id)));
    project.close();
    return rows;
  };
  try {
    // 250 rows are 10 s: the resumed decode starts 6 s after the picture's end.
    const resumed = await analyse('resumed.vsproj', 250);
    const whole = await analyse('whole.vsproj');
    assert.deepEqual(resumed, whole);
  } finally {
    backbone.dispose();
  }
});

test('how a decode ends: whole, last picture held, or cut short', () => {
  const clean = { expectSeconds: 10, errors: false, start: 0, soundSeconds: 10, pictures: 2 };
  assert.equal(pictureEnding({ ...clean, seconds: 9.5 }), 'whole');
  assert.equal(pictureEnding({ ...clean, seconds: 4 }), 'held');
  assert.equal(pictureEnding({ ...clean, seconds: 4, soundSeconds: null }), 'held');
  assert.equal(pictureEnding({ ...clean, seconds: 0, start: 6 }), 'held', 'resumed past the end of the picture');
  assert.equal(pictureEnding({ ...clean, seconds: 0 }), 'cut', 'no picture at all');
  assert.equal(pictureEnding({ ...clean, seconds: 4, soundSeconds: 4.2 }), 'cut', 'the sound stops with it: a truncated file');
  assert.equal(pictureEnding({ ...clean, seconds: 9.5, errors: true }), 'cut', 'errors and half a second missing');
  assert.equal(pictureEnding({ ...clean, seconds: 4, pictures: 0 }), 'cut');
});
