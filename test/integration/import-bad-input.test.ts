/**
 * Every bad input gets a one-line reason and a non-zero exit from the CLI, a clear API error for the
 * UI, and leaves the project byte-for-byte as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Project } from '../../src-main/store/project.js';
import { makeClip, makeWav, REPO_ROOT, tempDir, truncateCopy } from '../helpers/media.js';
import { ipcClient } from '../helpers/transports.js';

const CLI = join(REPO_ROOT, 'bin', 'valence-studio.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const dir = tempDir();
const good = makeClip(dir, { seconds: 4 });
const badFiles: Record<string, { path: string; reason: RegExp }> = {
  'zero-byte file': { path: join(dir, 'empty.mp4'), reason: /empty \(0 bytes\)/ },
  'text file renamed .mp4': { path: join(dir, 'notes.mp4'), reason: /not a media file ffmpeg can read/ },
  'truncated mp4 (moov at the end)': { path: join(dir, 'cut-tail.mp4'), reason: /not a media file ffmpeg can read|truncated/ },
  'truncated mp4 (moov first)': { path: join(dir, 'cut.mp4'), reason: /truncated or damaged/ },
  'video without audio': { path: makeClip(dir, { name: 'silent.mp4', audio: false }), reason: /has no audio track/ },
  'path that does not exist': { path: join(dir, 'nope.mp4'), reason: /file not found/ },
};
writeFileSync(badFiles['zero-byte file'].path, '');
writeFileSync(badFiles['text file renamed .mp4'].path, 'This is not a movie.\n'.repeat(50));
truncateCopy(good, badFiles['truncated mp4 (moov first)'].path, 0.5);
{
  // Same clip with the index at the end, as cameras write it, then cut short.
  const moovLast = makeClip(dir, { name: 'moov-last.mp4', seconds: 4, moovFirst: false });
  truncateCopy(moovLast, badFiles['truncated mp4 (moov at the end)'].path, 0.4);
}

test('a good clip imports from the CLI (the baseline the bad cases are compared with)', () => {
  const project = join(tempDir(), 'ok.vsproj');
  const r = cli('import', '--project', project, good);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported movie 1: clip \(4\.\d+ s, 320×240\)/);
});

for (const [name, { path, reason }] of Object.entries(badFiles)) {
  test(`CLI: ${name} → one-line reason, exit 1, project untouched`, () => {
    const project = join(tempDir(), 'p.vsproj');
    assert.equal(cli('import', '--project', project, good).status, 0);
    const before = digest(project);
    const r = cli('import', '--project', project, path);
    assert.equal(r.status, 1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('valence-studio'));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], reason);
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace');
    assert.equal(digest(project), before);
  });

  test(`API: ${name} → clear error for the UI, nothing imported`, async () => {
    const c = ipcClient(join(tempDir(), 'ui.vsproj'));
    const r = await c.raw('movies.import', { path });
    let message = r.error?.message;
    if (!message) {
      // Damage found only while decoding fails the job, with the reason as its message.
      await c.session.api.jobs.whenIdle();
      const job = c.session.project.jobs.get((r.result as { id: number }).id);
      assert.equal(job.state, 'failed');
      message = job.message;
    }
    assert.match(message!, reason);
    assert.deepEqual(await c.call('movies.list', {}), []);
    assert.ok(c.session.project.integrityOk());
    await c.close();
  });
}

test('CLI: a project file that is not a Valence Studio project is refused and left as it was', () => {
  const d = tempDir();
  const text = join(d, 'notes.vsproj');
  writeFileSync(text, 'hello');
  const other = join(d, 'other.sqlite');
  const db = new Database(other);
  db.exec('CREATE TABLE t (x)');
  db.close();
  for (const p of [text, other]) {
    const before = digest(p);
    const r = cli('import', '--project', p, good);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^valence-studio import: .* is not a Valence Studio project/m);
    assert.equal(digest(p), before);
  }
  // A bad movie never creates a new project either.
  const fresh = join(d, 'fresh.vsproj');
  assert.equal(cli('import', '--project', fresh, badFiles['zero-byte file'].path).status, 1);
  assert.equal(existsSync(fresh), false);
});

test('an audio-only file imports as a movie without picture', () => {
  const project = join(tempDir(), 'a.vsproj');
  const r = cli('import', '--project', project, makeWav(tempDir(), 2));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /audio only/);
  const p = Project.open(project);
  const [m] = p.movies.list();
  assert.equal(m.video, null);
  assert.equal(m.fps, null);
  p.close();
});

test('CLI usage errors exit 2 or 1 with the usage line', () => {
  assert.equal(cli().status, 2);
  assert.equal(cli('frobnicate').status, 2);
  const r = cli('import', good);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--project is required/);
});
