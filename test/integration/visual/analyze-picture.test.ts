import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { AppError } from '../../../src-main/contract/errors.js';
import { ffmpegBinaries } from '../../../src-main/media/ffmpeg-binaries.js';
import { probeMedia } from '../../../src-main/media/probe.js';
import { MOTION_KIND, motionDescriptorSpec } from '../../../src-main/motion/motion-settings.js';
import { MOTION_NAMES } from '../../../src-main/motion/motion-descriptor.js';
import { Project } from '../../../src-main/store/project.js';
import { analyzePicture } from '../../../src-main/analysis/picture-path.js';
import type { Backbone } from '../../../src-main/visual/backbone.js';
import { visualDescriptorSpec } from '../../../src-main/visual/visual-settings.js';
import { loadBackbone } from '../../../src-main/visual/load-backbone.js';
import { makeClip, tempDir, truncateCopy } from '../../helpers/media.js';

const dir = tempDir('vs-picture-');
let backbone: Backbone;
before(async () => {
  backbone = await loadBackbone();
});
after(() => backbone.dispose());

const ffmpeg = (args: string[]) => execFileSync(ffmpegBinaries().ffmpeg, ['-nostdin', '-v', 'error', '-y', ...args]);

/** 2 s of a white box moving right over grey, then a hard cut to 1 s of test pattern; with a tone. */
function boxThenCut(name: string, container = 'mp4'): string {
  const out = join(dir, `${name}.${container}`);
  ffmpeg([
    '-f', 'lavfi', '-i', 'color=c=0x404040:s=320x180:r=25:d=2',
    '-f', 'lavfi', '-i', 'color=c=white:s=40x40:r=25:d=2',
    '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=1',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100:duration=3',
    '-filter_complex', "[0][1]overlay=x='20+100*t':y=70:shortest=1,format=yuv420p[box];[2]format=yuv420p[pattern];[box][pattern]concat=n=2:v=1:a=0[v]",
    '-map', '[v]', '-map', '3:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', out,
  ]);
  return out;
}

/** Imports `path` as the import job would; `probed` stands in for a file damaged after its import. */
async function importMovie(project: Project, path: string, probed = path) {
  const info = await probeMedia(probed);
  return project.movies.insert({
    path, title: basename(path), contentHash: basename(path), sizeBytes: info.sizeBytes, duration: info.duration, fps: info.fps, audio: info.audio, video: info.video,
  });
}

const badMedia = (pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof AppError, String(err));
  assert.equal(err.code, 'bad_media');
  assert.match(err.message, pattern);
  return true;
};

test('one decode fills both sets: the box moves right, the cut spikes, the picture changes at the cut', async () => {
  const project = Project.open(join(dir, 'a.vsproj'));
  const movie = await importMovie(project, boxThenCut('box'));
  const progress: number[] = [];
  const { visual, motion } = await analyzePicture(project, movie.id, { backbone, onProgress: (f) => progress.push(f) });
  const frames = Math.ceil(movie.duration * 25);
  assert.equal(visual.kind, 'visual.centernet-mbv3');
  assert.equal(motion.kind, MOTION_KIND);
  for (const set of [visual, motion]) {
    assert.ok(set.complete);
    assert.equal(set.frames, frames);
  }
  assert.equal(progress.at(-1), 1);

  const m = project.descriptors.read(motion.id);
  const row = (j: number, name: string) => m[j * motion.dims + MOTION_NAMES.indexOf(name)];
  // Row 10 covers frames 10…20: only the box moves (100 px/s of 320 px = 31 % of the width per second).
  const dirs = MOTION_NAMES.filter((n) => n.startsWith('object_dir_')).map((n) => row(10, n));
  assert.equal(dirs.indexOf(Math.max(...dirs)), 0, `object directions ${dirs}`);
  assert.ok(Math.abs(row(10, 'camera_tx')) < 1, `camera_tx ${row(10, 'camera_tx')}`);
  assert.ok(row(10, 'moving_fraction') > 0.005 && row(10, 'moving_fraction') < 0.2);
  // The cut is the pair ending at frame 50: rows 40…49 see it, rows before do not.
  assert.ok(row(45, 'cut_histogram') > 0.3, `cut ${row(45, 'cut_histogram')}`);
  assert.ok(row(20, 'cut_histogram') < 0.1, `no cut ${row(20, 'cut_histogram')}`);

  const v = project.descriptors.read(visual.id);
  const distance = (a: number, b: number) => Math.hypot(...Array.from({ length: visual.dims }, (_, i) => v[a * visual.dims + i] - v[b * visual.dims + i]));
  // Frames are embedded once a second (rows 0, 25, 50) and interpolated between: row 12 is 48 % of the way.
  for (let i = 0; i < visual.dims; i++) {
    const expected = v[i] + 0.48 * (v[25 * visual.dims + i] - v[i]);
    assert.ok(Math.abs(v[12 * visual.dims + i] - expected) < 1e-4 * (1 + Math.abs(expected)));
  }
  assert.ok(distance(20, 60) > 1, `scene change ${distance(20, 60)}`);
  assert.ok(project.integrityOk());

  // A second run finds both sets complete and decodes nothing.
  const again = await analyzePicture(project, movie.id, { backbone, onProgress: () => assert.fail('decoded again') });
  assert.equal(again.visual.id, visual.id);
  project.close();
});

test('a film with no picture, or shorter than one 400 ms window, says so', async () => {
  const project = Project.open(join(dir, 'b.vsproj'));
  const sound = await importMovie(project, makeClip(dir, { seconds: 1, name: 'sound.mp4', video: false }));
  await assert.rejects(analyzePicture(project, sound.id, { backbone }), badMedia(/has no video track/));

  const blip = join(dir, 'blip.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=0.3', '-f', 'lavfi', '-i', 'sine=duration=0.3', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', blip]);
  const short = await importMovie(project, blip);
  await assert.rejects(analyzePicture(project, short.id, { backbone }), badMedia(/shorter than one 400 ms motion window/));
  // The visual rows of what there is are kept and complete; the motion set is empty and not.
  const sets = project.descriptors.list(short.id);
  const visual = sets.find((s) => s.kind.startsWith('visual.'))!;
  assert.ok(visual.complete);
  assert.equal(visual.frames, Math.ceil(short.duration * 25));
  const motion = sets.find((s) => s.kind === MOTION_KIND)!;
  assert.equal(motion.complete, false);
  assert.equal(motion.frames, 0);
  assert.ok(project.integrityOk());
  project.close();
});

test('decoding that stops midway is reported; cancelling stops at once; the project stays clean', async () => {
  const project = Project.open(join(dir, 'c.vsproj'));
  const whole = boxThenCut('whole', 'mkv');
  const cut = await importMovie(project, truncateCopy(whole, join(dir, 'cut.mkv'), 0.5), whole);
  await assert.rejects(analyzePicture(project, cut.id, { backbone }), badMedia(/decoding .*cut\.mkv stopped at \d\.\d s of 3\.\d s/));
  for (const set of project.descriptors.list(cut.id)) assert.equal(set.complete, false);

  const movie = await importMovie(project, whole);
  const controller = new AbortController();
  let abortedAt = 0;
  const abort = () => {
    abortedAt = Date.now();
    controller.abort();
  };
  await assert.rejects(analyzePicture(project, movie.id, { backbone, signal: controller.signal, onProgress: abort }), { name: 'AbortError' });
  const stopping = Date.now() - abortedAt;
  assert.ok(stopping < 2000, `stopped ${stopping} ms after the abort`);
  assert.ok(project.integrityOk());
  project.close();
});

test('an interrupted analysis resumes after the stored rows and computes the same motion', async () => {
  const path = boxThenCut('resume');
  const whole = Project.open(join(dir, 'd1.vsproj'));
  const a = await importMovie(whole, path);
  const full = await analyzePicture(whole, a.id, { backbone });
  const fullMotion = whole.descriptors.read(full.motion.id);

  // A crash after 40 rows: the sets hold their first chunk and are not complete.
  const resumed = Project.open(join(dir, 'd2.vsproj'));
  const b = await importMovie(resumed, path);
  const motionSet = resumed.descriptors.open(motionDescriptorSpec(b.id, b.contentHash));
  resumed.descriptors.append(motionSet.id, fullMotion.slice(0, 40 * motionSet.dims));
  const visualSet = resumed.descriptors.open(visualDescriptorSpec(b.id, b.contentHash, backbone));
  resumed.descriptors.append(visualSet.id, whole.descriptors.read(full.visual.id, 0, 40));

  const { motion, visual } = await analyzePicture(resumed, b.id, { backbone });
  assert.equal(motion.id, motionSet.id);
  assert.ok(motion.complete && visual.complete);
  assert.equal(motion.frames, full.motion.frames);
  assert.equal(visual.frames, full.visual.frames);
  // Decoding restarted at 1.6 s: the same frames, so the same flow.
  const again = resumed.descriptors.read(motion.id);
  let worst = 0;
  for (let i = 0; i < again.length; i++) worst = Math.max(worst, Math.abs(again[i] - fullMotion[i]));
  assert.ok(worst < 1e-3, `largest difference ${worst}`);
  whole.close();
  resumed.close();
});
