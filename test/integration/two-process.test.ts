/**
 * Two processes on one project, as a researcher would run them: `valence-studio analyze` in a terminal
 * while browser mode is open and edits arrive 20 times a second. Both must succeed: the analysis is
 * not marked interrupted or run twice, no write fails with "database is locked", and every descriptor
 * set ends with exactly the film's frame count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Project } from '../../src-main/store/project.js';
import { makeClip, REPO_ROOT, tempDir } from '../helpers/media.js';
import { wsClient } from '../helpers/transports.js';

test('CLI analyze and browser-mode edits on the same project both succeed', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 30 });
  const path = join(dir, 'shared.vsproj');
  const cli = (...args: string[]) => spawn(process.execPath, [join(REPO_ROOT, 'bin', 'valence-studio.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const imported = cli('import', '--project', path, clip);
  assert.equal(await new Promise((r) => imported.once('exit', r)), 0);

  let stderr = '';
  const analyze = cli('analyze', clip, '--project', path);
  analyze.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((r) => analyze.once('exit', (code) => r(code ?? -1)));

  // Browser mode opens while the analysis is under way.
  let running = false;
  for (let t = 0; t < 600 && !running; t++) {
    await sleep(100);
    const peek = Project.open(path, { create: false });
    running = peek.jobs.list().some((j) => j.kind === 'analyze' && j.state === 'running');
    peek.close();
  }
  assert.ok(running, 'the CLI analysis started');
  const client = await wsClient(path, dir);
  try {
    const { project } = client.session;
    const job = project.jobs.list().find((j) => j.kind === 'analyze')!;
    assert.equal(job.state, 'running', 'opening browser mode does not mark the live job interrupted');
    const restart = await client.raw('jobs.restart', { jobId: job.id });
    assert.match(restart.error?.message ?? '', /only failed, cancelled or interrupted/, 'nor can it be run a second time');

    const [movie] = project.movies.list();
    const failures: string[] = [];
    let edits = 0;
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      const r = await client.raw('events.create', { movieId: movie.id, label: 'laughter', onset: (edits % 290) / 10, offset: (edits % 290) / 10 + 0.5 });
      if (r.error) failures.push(r.error.message);
      else edits++;
      await sleep(50);
    }
    assert.equal(await exited, 0, `analyze failed: ${stderr.slice(-500)}`);
    assert.deepEqual(failures, [], 'every edit succeeded');
    assert.ok(edits >= 20, `edits arrived during the analysis (${edits})`);
    assert.equal(project.events.list(movie.id).filter((e) => e.source === 'human').length, edits);

    const frames = Math.ceil(movie.duration * 25);
    const sets = project.descriptors.list(movie.id);
    assert.ok(sets.length >= 4);
    for (const set of sets.filter((s) => s.rate === 25)) {
      assert.ok(set.complete, `${set.kind} complete`);
      assert.equal(set.frames, frames, `${set.kind} has the film's ${frames} frames`);
    }
    const analyses = project.jobs.list().filter((j) => j.kind === 'analyze');
    assert.deepEqual(analyses.map((j) => j.state), ['done']);
    assert.ok(project.integrityOk());
  } finally {
    analyze.kill('SIGKILL');
    await client.close();
  }
});
