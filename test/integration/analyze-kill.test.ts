/**
 * A real crash: the `analyze` CLI is killed (SIGKILL) in the middle of a film. On the next launch the
 * project's integrity check is clean, the job shows as interrupted, and restarting it resumes the
 * descriptor sets it had begun (same sets, continued after their last complete chunk) to the end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSession } from '../../src-main/app/session.js';
import { Project } from '../../src-main/store/project.js';
import { makeClip, REPO_ROOT, tempDir } from '../helpers/media.js';

test('analyze killed midway: clean project, interrupted job, resumed sets on restart', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 40 });
  const path = join(dir, 'kill.vsproj');
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'valence-studio.js'), 'analyze', clip, '--project', path], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));

  // Kill once some chunks are stored but the audio set is not complete.
  let begun: { id: number; kind: string; frames: number }[] = [];
  for (let t = 0; t < 600 && begun.length === 0; t++) {
    await sleep(100);
    try {
      const peek = Project.open(path, { create: false });
      try {
        const sets = peek.movies.list().flatMap((m) => peek.descriptors.list(m.id));
        if (sets.some((s) => s.kind === 'audio.emobase2010' && s.frames > 0 && !s.complete)) begun = sets.filter((s) => s.frames > 0 && !s.complete);
      } finally {
        peek.close();
      }
    } catch {
      // Not created yet, or busy being created.
    }
  }
  child.kill('SIGKILL');
  await exited;
  assert.ok(begun.length > 0, 'the analysis stored chunks before it was killed');

  const session = openSession(path);
  try {
    const { api, project } = session;
    assert.ok(project.integrityOk(), 'integrity check clean after the kill');
    const job = project.jobs.list().find((j) => j.kind === 'analyze')!;
    assert.equal(job.state, 'interrupted');
    const [movie] = project.movies.list();
    const before = new Map(project.descriptors.list(movie.id).map((s) => [s.kind, s]));
    await api.call('jobs.restart', { jobId: job.id });
    await api.jobs.whenIdle();
    const done = project.jobs.get(job.id);
    assert.equal(done.state, 'done', done.message);
    for (const set of project.descriptors.list(movie.id)) {
      assert.ok(set.complete, `${set.kind} complete`);
      const earlier = before.get(set.kind);
      if (earlier && earlier.frames > 0) assert.equal(set.id, earlier.id, `${set.kind} resumed in the same set`);
    }
    assert.ok(project.integrityOk());
  } finally {
    session.close();
  }
});
