/**
 * A real crash: the `analyze` CLI is killed (SIGKILL) in the middle of a film, once the audio
 * descriptors and the sound-event sets have stored some chunks. On the next launch the project's
 * integrity check is clean, the job shows as interrupted, and restarting it resumes every set it had
 * begun (same set, continued after its last complete chunk) to the film's frame count, with the
 * values a never-killed run stores. The tagger's feature cache, cut short, resumes the same way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { taggerFeatures, taggerKind } from '../../src-main/analysis/tagger-features.js';
import { runAudioPath } from '../../src-main/analysis/audio-path.js';
import { openSession } from '../../src-main/app/session.js';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { SoundEventDetector } from '../../src-main/sed/detector.js';
import { AudioTagger } from '../../src-main/sed/tagger/tagger.js';
import { Project } from '../../src-main/store/project.js';
import type { DescriptorSetInfo } from '../../src-main/store/repos/descriptors.js';
import { makeClip, REPO_ROOT, tempDir } from '../helpers/media.js';

/**
 * Long enough that the sound-event sets hold more than two of their 64-step (30.7 s) chunks before
 * the end, so the restart resumes them from a seek into the film rather than from its start.
 */
const FILM_SECONDS = 150;
const SED_RESUMES_MIDWAY = 3 * 64 * 12;

/**
 * A film whose soundtrack is voice-like (a gliding, tremolo'd tone over noise): a pure tone keeps the
 * phase of its first pitch period forever, so its jitter and shimmer depend on where decoding began.
 */
function makeFilm(dir: string): string {
  const out = join(dir, 'film.mp4');
  execFileSync(ffmpegBinaries().ffmpeg, ['-nostdin', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25:duration=${FILM_SECONDS}`,
    '-f', 'lavfi', '-i', `aevalsrc='0.3*sin(2*PI*(140*t+20*sin(2*PI*0.5*t)))*(0.6+0.4*sin(2*PI*3*t))+0.05*(random(0)-0.5)':s=44100:d=${FILM_SECONDS}`,
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', '-c:a', 'aac', '-movflags', '+faststart', out]);
  return out;
}

/** The largest absolute difference between two sets' values, and how many values differ at all. */
function difference(a: Float32Array, b: Float32Array): { largest: number; differing: number } {
  assert.equal(a.length, b.length);
  let [largest, differing] = [0, 0];
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    largest = Math.max(largest, d);
    if (d > 0) differing++;
  }
  return { largest, differing };
}

/** The audio sets of the clip from one uninterrupted decode, in a fresh project of this process. */
async function neverKilled(dir: string, clip: string): Promise<Map<string, Float32Array>> {
  const session = openSession(join(dir, 'whole.vsproj'));
  const detector = await SoundEventDetector.load();
  try {
    const { api, project } = session;
    await api.call('movies.import', { path: clip });
    await api.jobs.whenIdle();
    const [movie] = project.movies.list();
    const sets = await runAudioPath(project, movie, detector, { signal: new AbortController().signal, throwIfCancelled: () => {} }, () => {});
    return new Map([sets.audio, sets.sed!.verbal, sets.sed!.nonverbal].map((s) => [s.kind, project.descriptors.read(s.id)]));
  } finally {
    detector.dispose();
    session.close();
  }
}

test('analyze killed midway: clean project, interrupted job, every set resumed to the film frame count', async (t) => {
  const dir = tempDir();
  const clip = makeFilm(dir);
  const path = join(dir, 'kill.vsproj');
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'valence-studio.js'), 'analyze', clip, '--project', path], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));

  // Kill once the audio set and a sound-event set hold chunks (three sound-event chunks) and neither is complete.
  const begun = (s: DescriptorSetInfo) => s.frames > 0 && !s.complete;
  let atKill: DescriptorSetInfo[] = [];
  for (let tries = 0; tries < 1200 && atKill.length === 0; tries++) {
    await sleep(100);
    try {
      const peek = Project.open(path, { create: false });
      try {
        const sets = peek.movies.list().flatMap((m) => peek.descriptors.list(m.id));
        if (sets.some((s) => s.kind === 'audio.emobase2010' && begun(s)) && sets.some((s) => s.kind.startsWith('sed.') && begun(s) && s.frames >= SED_RESUMES_MIDWAY)) atKill = sets;
      } finally {
        peek.close();
      }
    } catch {
      // Not created yet, or busy being created.
    }
  }
  child.kill('SIGKILL');
  await exited;
  assert.ok(atKill.length > 0, 'the audio and sound-event sets stored chunks before the analysis was killed');
  t.diagnostic(`at the kill: ${atKill.map((s) => `${s.kind} ${s.frames}`).join(', ')} of ${FILM_SECONDS * 25} frames`);

  const session = openSession(path);
  let resumed: Map<string, Float32Array>;
  try {
    const { api, project } = session;
    assert.ok(project.integrityOk(), 'integrity check clean after the kill');
    const job = project.jobs.list().find((j) => j.kind === 'analyze')!;
    assert.equal(job.state, 'interrupted');
    const [movie] = project.movies.list();
    await api.call('jobs.restart', { jobId: job.id });
    await api.jobs.whenIdle();
    const done = project.jobs.get(job.id);
    assert.equal(done.state, 'done', done.message);
    const filmFrames = Math.ceil(movie.duration * 25);
    const sets = project.descriptors.list(movie.id);
    assert.deepEqual(sets.map((s) => s.kind.split('.')[0]).sort(), ['audio', 'motion', 'sed', 'sed', 'visual']);
    for (const set of sets) {
      assert.ok(set.complete, `${set.kind} complete`);
      assert.equal(set.rate, 25, set.kind);
      assert.equal(set.frames, filmFrames, `${set.kind}: one row per 25 Hz frame of the film`);
      const earlier = atKill.find((s) => s.kind === set.kind);
      if (earlier && earlier.frames > 0) assert.equal(set.id, earlier.id, `${set.kind} resumed in the same set`);
    }
    assert.ok(project.integrityOk());
    resumed = new Map(sets.map((s) => [s.kind, project.descriptors.read(s.id)]));
  } finally {
    session.close();
  }

  // Against one uninterrupted decode: the resumed decode gives the same samples (decode-audio.ts),
  // and the detectors resume on their chunk grid (sed/inference.ts), so the rows are the same; the
  // tagger batches its windows from another start, which moves its output by float rounding (5e-10).
  const whole = await neverKilled(dir, clip);
  for (const [kind, rows] of whole) {
    const d = difference(resumed.get(kind)!, rows);
    t.diagnostic(`${kind} resumed vs never killed: ${d.differing} values differ, by up to ${d.largest}`);
    assert.ok(d.largest <= (kind.startsWith('sed.') ? 1e-6 : 0), `${kind}: ${d.differing} resumed values differ from a never-killed run's, by up to ${d.largest}`);
  }
});

test('tagger features cut short keep their stored chunks and resume after them with the same values', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 40 });
  const tagger = await AudioTagger.load();
  const session = openSession(join(dir, 'tagger.vsproj'));
  try {
    const { api, project } = session;
    await api.call('movies.import', { path: clip });
    await api.jobs.whenIdle();
    const [movie] = project.movies.list();
    const stored = () => project.descriptors.find(movie.id, taggerKind)?.frames ?? 0;
    const controller = new AbortController();
    const watch = setInterval(() => stored() > 0 && controller.abort(), 5);
    await assert.rejects(taggerFeatures(project.descriptors, movie, tagger, controller.signal), { name: 'AbortError' });
    clearInterval(watch);
    const cut = project.descriptors.find(movie.id, taggerKind)!;
    assert.ok(cut.frames > 0 && !cut.complete, `${cut.frames} steps stored before the abort`);

    const resumed = await taggerFeatures(project.descriptors, movie, tagger);
    const set = project.descriptors.find(movie.id, taggerKind)!;
    assert.equal(set.id, cut.id, 'resumed in the same set');
    assert.ok(set.complete);
    project.db.prepare('DELETE FROM descriptor_sets WHERE id = ?').run(set.id);
    const whole = await taggerFeatures(project.descriptors, movie, tagger);
    assert.deepEqual(resumed, whole);
  } finally {
    session.close();
    await tagger.release();
  }
});
