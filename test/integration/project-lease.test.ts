/**
 * One job runner per project across processes: a process that opens a project while another runs a
 * job leaves that job alone (no false "interrupted", no second run), says who holds the project, and
 * takes over only once the holder is really gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSession } from '../../src-main/app/session.js';
import { holderAlive, leasePath, readLease, REMOTE_STALE_MS, tryAcquireLease } from '../../src-main/store/lease.js';
import { Project } from '../../src-main/store/project.js';
import { makeClip, REPO_ROOT, tempDir } from '../helpers/media.js';

test('holderAlive: same host by pid and start time, other hosts by heartbeat', () => {
  const now = Date.parse('2026-12-05T10:00:00Z');
  const probe = { host: 'here', now, alive: (pid: number) => pid === 42, start: () => '1000' };
  const file = { pid: 42, host: 'here', pidStart: '1000', heartbeatAt: '2000-01-01T00:00:00Z' };
  assert.equal(holderAlive(file, probe), true, 'a live pid is alive however old its heartbeat');
  assert.equal(holderAlive({ ...file, pid: 43 }, probe), false, 'a dead pid');
  assert.equal(holderAlive({ ...file, pidStart: '999' }, probe), false, 'a pid reused by another process');
  const remote = { ...file, host: 'there', heartbeatAt: new Date(now - REMOTE_STALE_MS / 2).toISOString() };
  assert.equal(holderAlive(remote, probe), true);
  assert.equal(holderAlive({ ...remote, heartbeatAt: new Date(now - REMOTE_STALE_MS - 1).toISOString() }, probe), false);
});

test('the lease: one holder, released on release, taken over from a dead process', () => {
  const project = join(tempDir(), 'lease.vsproj');
  const first = tryAcquireLease(project, 'first');
  assert.ok('release' in first);
  const second = tryAcquireLease(project, 'second');
  assert.ok(!('release' in second));
  assert.equal(second.label, 'first');
  const state = readLease(project);
  assert.ok(state.state === 'held' && state.alive && state.holder.pid === process.pid);
  first.release();
  assert.deepEqual(readLease(project), { state: 'free' });

  // A holder killed without releasing leaves its file behind; its pid is dead now.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const stale = { pid: Number(dead.stdout), host: hostname(), label: 'killed', since: '', heartbeatAt: '', token: 'x', pidStart: null };
  writeFileSync(leasePath(project), JSON.stringify(stale));
  const lease = readLease(project);
  assert.ok(lease.state === 'held' && !lease.alive);
  const taken = tryAcquireLease(project, 'taker');
  assert.ok('release' in taken, 'a dead holder is taken over');
  taken.release();
});

/** A second process that holds the project's lease and marks a job running, until killed. */
function holderProcess(projectPath: string, jobId: number) {
  const script = `
    import { tryAcquireLease } from ${JSON.stringify(join(REPO_ROOT, 'src-main/store/lease.ts'))};
    import { Project } from ${JSON.stringify(join(REPO_ROOT, 'src-main/store/project.ts'))};
    const lease = tryAcquireLease(${JSON.stringify(projectPath)}, 'valence-studio analyze');
    if (!('release' in lease)) process.exit(3);
    const p = Project.open(${JSON.stringify(projectPath)});
    p.jobs.update(${jobId}, { state: 'running', progress: 0.5, message: 'analysing: audio' });
    console.log('ready');
    setInterval(() => {}, 1000);
  `;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

test('a job running in another process is not marked interrupted; queued work waits, then takes over when it dies', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 2 });
  const path = join(dir, 'shared.vsproj');
  const p = Project.open(path);
  const theirs = p.jobs.create('import-movie', { path: clip });
  p.close();

  const child = holderProcess(path, theirs.id);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });

  const s = openSession(path);
  try {
    assert.equal(s.project.jobs.get(theirs.id).state, 'running', 'not marked interrupted while its process lives');
    await assert.rejects(s.api.call('jobs.restart', { jobId: theirs.id }), /only failed, cancelled or interrupted/);
    await assert.rejects(s.api.call('jobs.cancel', { jobId: theirs.id }), /running in another process \(valence-studio analyze \(pid \d+/);
    const mine = await s.api.call('movies.import', { path: clip });
    await sleep(300);
    const waiting = s.project.jobs.get(mine.id);
    assert.equal(waiting.state, 'queued');
    assert.match(waiting.message, /waiting: valence-studio analyze \(pid \d+ on .+\) is running jobs on this project/);

    child.kill('SIGKILL');
    await exited;
    await s.api.jobs.whenIdle();
    assert.equal(s.project.jobs.get(theirs.id).state, 'interrupted', 'interrupted once its process is gone');
    assert.equal(s.project.jobs.get(mine.id).state, 'done');
    assert.deepEqual(readLease(path), { state: 'free' }, 'the lease is let go when the queue is idle');
  } finally {
    child.kill('SIGKILL');
    s.close();
  }
});

test('a CLI command that stores outside the queue waits for the holder, names it, then runs', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 2 });
  const path = join(dir, 'cli.vsproj');
  Project.open(path).close();
  const held = tryAcquireLease(path, 'the Valence Studio app');
  assert.ok('release' in held);
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'valence-studio.js'), 'import', '--project', path, clip], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number>((r) => child.once('exit', (code) => r(code ?? -1)));
  for (let t = 0; t < 100 && !stderr.includes('waiting'); t++) await sleep(100);
  assert.match(stderr, /waiting: the Valence Studio app \(pid \d+ on .+\) is running jobs on this project/);
  const peek = Project.open(path, { create: false });
  assert.equal(peek.movies.list().length, 0, 'nothing imported while the lease is held');
  peek.close();
  held.release();
  assert.equal(await exited, 0, stderr);
  const after = Project.open(path, { create: false });
  assert.equal(after.movies.list().length, 1);
  after.close();
});
