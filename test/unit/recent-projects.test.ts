/** The recent-projects list: most recent first, each path once, at most ten; a damaged file is ignored, never fatal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatRecent, parseRecent, RECENT_LIMIT, RecentProjects, recentFilePath, withOpened, without, type RecentEntry } from '../../src-main/app/recent-projects.js';
import { tempDir } from '../helpers/media.js';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
const paths = (list: readonly RecentEntry[]) => list.map((e) => e.path);

test('the project opened last comes first, once, and the list keeps the ten latest', () => {
  let list: RecentEntry[] = [];
  for (let i = 0; i < 12; i++) list = withOpened(list, `/p/${i}.vsproj`, at(i));
  assert.equal(list.length, RECENT_LIMIT);
  assert.deepEqual(paths(list), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((i) => `/p/${i}.vsproj`));

  const again = withOpened(list, '/p/5.vsproj', at(20));
  assert.deepEqual(paths(again).slice(0, 3), ['/p/5.vsproj', '/p/11.vsproj', '/p/10.vsproj']);
  assert.equal(paths(again).filter((p) => p === '/p/5.vsproj').length, 1, 'reopening moves the entry, it does not add one');
  assert.equal(again[0].openedAt, at(20));
  assert.equal(again.length, RECENT_LIMIT);

  assert.deepEqual(paths(without(again, '/p/11.vsproj')).slice(0, 2), ['/p/5.vsproj', '/p/10.vsproj']);
});

test('what the file holds reads back; a damaged or foreign file reads as an empty list', () => {
  const list = withOpened(withOpened([], '/a.vsproj', at(1)), '/b.vsproj', at(2));
  assert.deepEqual(parseRecent(formatRecent(list)), list);
  for (const damaged of ['', '{', 'null', '[]', '{"version":2,"projects":[]}', '{"version":1,"projects":[{"path":3}]}', '{"version":1}']) {
    assert.deepEqual(parseRecent(damaged), [], JSON.stringify(damaged));
  }
  const long = JSON.stringify({ version: 1, projects: Array.from({ length: 30 }, (_, i) => ({ path: `/p/${i}`, openedAt: at(i) })) });
  assert.equal(parseRecent(long).length, RECENT_LIMIT, 'a hand-edited long list is cut');
});

test('the file lives in VALENCE_STUDIO_CONFIG_DIR, else under XDG_CONFIG_HOME, else ~/.config', () => {
  assert.equal(recentFilePath({ VALENCE_STUDIO_CONFIG_DIR: '/cfg', XDG_CONFIG_HOME: '/xdg' }), '/cfg/recent.json');
  assert.equal(recentFilePath({ XDG_CONFIG_HOME: '/xdg' }), '/xdg/valence-studio/recent.json');
  assert.match(recentFilePath({}), /\.config\/valence-studio\/recent\.json$/);
});

test('the store: written whole (nothing left aside), a damaged file replaced on the next open, missing files flagged', () => {
  const dir = tempDir();
  const file = join(dir, 'config', 'recent.json');
  const store = new RecentProjects(file);
  assert.deepEqual(store.list(), [], 'no file yet');

  const there = join(dir, 'there.vsproj');
  writeFileSync(there, 'x');
  store.opened(join(dir, 'gone.vsproj'));
  store.opened(there);
  assert.deepEqual(
    store.list().map(({ path, exists }) => ({ path, exists })),
    [
      { path: there, exists: true },
      { path: join(dir, 'gone.vsproj'), exists: false },
    ],
  );
  assert.deepEqual(readdirSync(join(dir, 'config')), ['recent.json'], 'the aside copy was renamed into place');

  writeFileSync(file, '{"version":1,"projects":[{"pa');
  assert.deepEqual(store.list(), [], 'a damaged file is ignored');
  store.opened(there);
  assert.deepEqual(paths(parseRecent(readFileSync(file, 'utf8'))), [there], 'and replaced on the next open');

  assert.deepEqual(store.forget(there), []);
  assert.deepEqual(store.forget('/never/listed.vsproj'), [], 'forgetting a path not listed is harmless');
});

test('a config folder that cannot be written does not stop a project from opening', () => {
  // A file where the folder should be: refused even to root, which writes through permissions.
  const blocker = join(tempDir(), 'not-a-folder');
  writeFileSync(blocker, '');
  const store = new RecentProjects(join(blocker, 'recent.json'));
  const warn = console.warn;
  const warnings: unknown[] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  try {
    assert.doesNotThrow(() => store.opened('/p.vsproj'));
  } finally {
    console.warn = warn;
  }
  assert.match(String(warnings[0]), /could not update the recent-projects list/);
  assert.deepEqual(store.list(), []);
});
