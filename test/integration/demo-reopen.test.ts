/** `npm run demo` on a folder that already holds the demo project reopens it instead of failing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Project } from '../../src-main/store/project.js';
import { REPO_ROOT, tempDir } from '../helpers/media.js';

const demo = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'demo.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

test('an existing demo project is reopened with its changes; --export-default without --fresh is refused', () => {
  const out = tempDir();
  const project = Project.open(join(out, 'corpus.vsproj'));
  project.settings.update({ visualRate: 2 });
  project.close();
  const r = demo('--out', out, '--no-serve');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /reopening the demo project built earlier/);
  const after = Project.open(join(out, 'corpus.vsproj'), { create: false });
  assert.equal(after.settings.get().visualRate, 2, 'the researcher\'s changes are kept');
  after.close();
  const refused = demo('--out', out, '--no-serve', '--export-default');
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /add --fresh/);
});
