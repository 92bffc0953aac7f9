import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openSession } from '../../src-main/app/session.js';
import { AUDIO_DESCRIPTOR_KIND } from '../../src-main/analysis/audio-descriptors.js';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { tempDir } from '../helpers/media.js';

/** 26 s of a gliding, tremolo'd tone over gated noise: pitch, loudness and spectrum all move. */
function makeVoiceLike(dir: string): string {
  const out = join(dir, 'voice-like.wav');
  execFileSync(ffmpegBinaries().ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i',
    "aevalsrc='0.3*sin(2*PI*(140*t+20*sin(2*PI*0.5*t)))*(0.6+0.4*sin(2*PI*3*t))+0.05*(random(0)-0.5)':s=16000:d=26", out]);
  return out;
}

test('audio descriptors: stored at 25 Hz, resumed after an interruption identically, reused when unchanged', async () => {
  const dir = tempDir();
  const wav = makeVoiceLike(dir);
  const s = openSession(join(dir, 'd.vsproj'));
  const importJob = await s.api.call('movies.import', { path: wav });
  await s.api.jobs.whenIdle();
  const movieId = (s.project.jobs.get(importJob.id).result as { movieId: number }).movieId;

  // Interrupt after the second stored chunk (20 s of 26).
  const job = await s.api.call('descriptors.compute', { movieId });
  const off = s.api.on('job.updated', (j) => {
    if (j.id === job.id && j.state === 'running' && (s.project.descriptors.find(movieId, AUDIO_DESCRIPTOR_KIND)?.frames ?? 0) >= 500) {
      void s.api.call('jobs.cancel', { jobId: job.id }).catch(() => {});
    }
  });
  await s.api.jobs.whenIdle();
  off();
  assert.equal(s.project.jobs.get(job.id).state, 'cancelled');
  const partial = s.project.descriptors.find(movieId, AUDIO_DESCRIPTOR_KIND)!;
  assert.equal(partial.complete, false);
  assert.ok(partial.frames >= 500 && partial.frames < 650, `frames ${partial.frames}`);

  await s.api.call('jobs.restart', { jobId: job.id });
  await s.api.jobs.whenIdle();
  const resumed = s.project.descriptors.find(movieId, AUDIO_DESCRIPTOR_KIND)!;
  assert.equal(resumed.complete, true);
  assert.equal(resumed.frames, 650);
  const resumedRows = s.project.descriptors.read(resumed.id);

  // A fresh, uninterrupted run for comparison.
  s.project.db.prepare('DELETE FROM descriptor_sets').run();
  const again = await s.api.call('descriptors.compute', { movieId });
  await s.api.jobs.whenIdle();
  assert.equal(s.project.jobs.get(again.id).state, 'done');
  const full = s.project.descriptors.read(s.project.descriptors.find(movieId, AUDIO_DESCRIPTOR_KIND)!.id);
  assert.equal(full.length, resumedRows.length);
  const dims = resumed.dims;
  let worst = 0;
  let mismatched = 0;
  for (let i = 0; i < full.length; i++) {
    const err = Math.abs(full[i] - resumedRows[i]) / (Math.abs(full[i]) + 1e-3);
    if (err > 1e-3) mismatched++;
    worst = Math.max(worst, err);
  }
  // Every value agrees except a handful of pitch-onset details at the seam (reported, bounded).
  assert.ok(mismatched / full.length < 0.002, `${mismatched} of ${full.length} values differ (worst ${worst})`);
  assert.equal(full.length / dims, 650);

  const reuse = await s.api.call('descriptors.compute', { movieId });
  await s.api.jobs.whenIdle();
  assert.deepEqual(s.project.jobs.get(reuse.id).result, { setId: s.project.descriptors.find(movieId, AUDIO_DESCRIPTOR_KIND)!.id, frames: 650, reused: true });
  assert.ok(s.project.integrityOk());
  s.close();
});
