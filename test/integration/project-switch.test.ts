/**
 * Switching projects under one browser-mode server: a client opens or creates another project over
 * the WebSocket, every connected UI hears `project.switched`, and the API, media and upload routes
 * answer for the new project. The old project is closed (its lease and database let go); a switch is
 * refused while this process runs a job, and a file Project.open refuses leaves the current project
 * open and the file byte-for-byte as it was.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { WebSocket } from 'ws';
import { Workspace } from '../../src-main/app/workspace.js';
import type { ApiEvents } from '../../src-main/contract/api.js';
import { LATEST_SCHEMA_VERSION } from '../../src-main/store/migrations/index.js';
import { readLease } from '../../src-main/store/lease.js';
import { Project } from '../../src-main/store/project.js';
import { IPC_CALL, IPC_EVENT, serveIpc } from '../../src-main/transports/ipc.js';
import { startBrowserServer, type BrowserServer } from '../../src-main/transports/http.js';
import { APP_INDEX_URL, isAppMainFrame, type IpcEventLike } from '../../src-main/shell/shell-policy.js';
import { makeClip, tempDir } from '../helpers/media.js';

type Reply = { result?: unknown; error?: { code: string; message: string } };

/** A browser-mode client: raw JSON-RPC over the socket, and the events it was pushed. */
async function connect(server: BrowserServer) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
  await new Promise((res, rej) => ws.once('open', res).once('error', rej));
  const pending = new Map<number, (r: Reply) => void>();
  const events: Array<{ event: keyof ApiEvents; payload: unknown }> = [];
  let next = 1;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.event) events.push(msg);
    else pending.get(msg.id)?.(msg);
  });
  const raw = (method: string, params: unknown = {}) =>
    new Promise<Reply>((res) => {
      const id = next++;
      pending.set(id, res);
      ws.send(JSON.stringify({ id, method, params }));
    });
  const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
    const r = await raw(method, params);
    if (r.error) throw new Error(r.error.message);
    return r.result as T;
  };
  return { raw, call, events, close: () => ws.close() };
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const dir = tempDir('vs-switch-');
const first = join(dir, 'first.vsproj');
const second = join(dir, 'second.vsproj');
const recentFile = join(dir, 'config', 'recent.json');
let clip: string;
let workspace: Workspace;
let server: BrowserServer;
let ui: Awaited<ReturnType<typeof connect>>;
let other: Awaited<ReturnType<typeof connect>>;

before(async () => {
  clip = makeClip(dir, { seconds: 2 });
  workspace = new Workspace(first, { recentFile });
  const job = await workspace.call('movies.import', { path: clip });
  await workspace.session.api.jobs.whenIdle();
  assert.equal(workspace.session.project.jobs.get(job.id).state, 'done');
  server = await startBrowserServer({ api: workspace, staticDir: join(dir, 'no-renderer'), uploadDir: () => workspace.uploadDir });
  [ui, other] = [await connect(server), await connect(server)];
});
after(async () => {
  ui?.close();
  other?.close();
  await server?.close();
  workspace?.close();
});

const http = (method: string, path: string, body?: BodyInit) =>
  fetch(`http://127.0.0.1:${server.port}${path}`, { method, body, headers: { 'x-vs-token': server.token } });

test('creating a project switches every client to it, and its routes serve the new project', async () => {
  const old = workspace.session;
  assert.equal((await ui.call<unknown[]>('movies.list')).length, 1);
  assert.equal((await http('GET', '/media/1')).status, 200);

  // The ending is added when left off.
  const info = await ui.call<{ path: string; movies: number }>('project.create', { path: second.replace(/\.vsproj$/, '') });
  assert.deepEqual(info, { path: second, schemaVersion: LATEST_SCHEMA_VERSION, movies: 0 });
  assert.deepEqual(await other.call('movies.list'), [], 'the other client now sees the new, empty project');
  // Each socket is in order: the push came before the answers just read.
  for (const client of [ui, other]) {
    const switched = client.events.filter((e) => e.event === 'project.switched');
    assert.deepEqual(switched.map((e) => e.payload), [info], 'every connected UI hears the switch once');
  }
  assert.equal((await other.call<{ path: string }>('project.info')).path, second);

  assert.equal(old.project.db.open, false, 'the old project is closed');
  assert.deepEqual(readLease(first), { state: 'free' }, 'and its job lease let go');
  assert.equal((await http('GET', '/media/1')).status, 404, 'the media route serves the new project');
  const upload = await http('PUT', '/upload?name=note.txt', 'hello');
  const { path: uploaded } = (await upload.json()) as { path: string };
  assert.equal(dirname(dirname(uploaded)), `${second}.media`, 'uploads go beside the new project');

  // The old project's service no longer pushes anything to the clients.
  const before = ui.events.length;
  old.api.emit('project.changed', { what: 'models' });
  assert.equal(ui.events.length, before);
});

test('opening works over HTTP too, and the recent list has both, most recent first', async () => {
  const res = await http('POST', '/api/project.open', JSON.stringify({ path: first }));
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { result: { path: string } }).result.path, first);
  assert.equal((await ui.call<unknown[]>('movies.list')).length, 1);
  const recent = await ui.call<Array<{ path: string; exists: boolean }>>('project.recent');
  assert.deepEqual(recent.map(({ path, exists }) => ({ path, exists })), [
    { path: first, exists: true },
    { path: second, exists: true },
  ]);
  const reopened = ui.events.filter((e) => e.event === 'project.switched').length;
  await ui.call('project.open', { path: first });
  assert.equal(ui.events.filter((e) => e.event === 'project.switched').length, reopened, 'opening the open project is no switch');
});

test('a new project is refused where a file already is, or where its folder is missing', async () => {
  const stranger = join(dir, 'notes.vsproj');
  writeFileSync(stranger, 'my notes');
  const cases: Array<[string, string, RegExp]> = [
    [second, 'conflict', /second\.vsproj is already a Valence Studio project: open it instead/],
    [stranger, 'bad_request', /notes\.vsproj already exists and is not a Valence Studio project/],
    [join(dir, 'nowhere', 'x.vsproj'), 'bad_request', /the folder .*nowhere does not exist/],
    ['relative/x.vsproj', 'bad_request', /give the full path/],
  ];
  const secondBytes = digest(second);
  for (const [path, code, message] of cases) {
    const r = await ui.raw('project.create', { path });
    assert.equal(r.error?.code, code, path);
    assert.match(r.error!.message, message);
  }
  assert.equal(readFileSync(stranger, 'utf8'), 'my notes');
  assert.equal(digest(second), secondBytes);
  assert.ok(!existsSync(join(dir, 'nowhere')));
  assert.equal((await ui.call<{ path: string }>('project.info')).path, first);
});

/** A closed project in rollback-journal mode, so reading it leaves no WAL beside it. */
function rollbackProject(path: string, fill = 0): void {
  const p = Project.open(path);
  if (fill) {
    const movie = p.movies.insert({ path: '/x.mp4', title: 'x', contentHash: 'h', sizeBytes: 1, duration: 600, fps: 25, audio: null, video: null });
    const track = p.events.track(movie.id, 'researcher');
    for (let i = 0; i < fill; i++) p.events.put({ trackId: track, movieId: movie.id, label: 'laughter', onset: i / 10, offset: i / 10 + 0.05, source: 'human', confidence: null, modelVersion: null });
  }
  p.close();
  const db = new Database(path);
  db.pragma('journal_mode = DELETE');
  db.close();
}

function badFiles(): Array<[string, string, RegExp]> {
  const bad = join(dir, 'bad');
  mkdirSync(bad);
  const foreign = join(bad, 'foreign.db');
  const db = new Database(foreign);
  db.exec('CREATE TABLE t (x)');
  db.close();
  const future = join(bad, 'future.vsproj');
  rollbackProject(future);
  const f = new Database(future);
  f.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
  f.close();
  const damaged = join(bad, 'damaged.vsproj');
  rollbackProject(damaged, 3000);
  const fd = openSync(damaged, 'r+');
  writeSync(fd, Buffer.alloc(512, 0x41), 0, 512, Math.floor(statSync(damaged).size / 2 / 4096) * 4096 + 64);
  closeSync(fd);
  const text = join(bad, 'text.vsproj');
  writeFileSync(text, 'not a database at all');
  const empty = join(bad, 'empty.vsproj');
  writeFileSync(empty, '');
  return [
    [foreign, 'bad_request', /another application's SQLite database/],
    [future, 'bad_request', /newer Valence Studio/],
    [damaged, 'bad_request', /is damaged \(SQLite quick_check/],
    [text, 'bad_request', /not an SQLite database/],
    [empty, 'bad_request', /is an empty file, not a Valence Studio project/],
    [bad, 'bad_request', /is a folder, not a project file/],
    [join(bad, 'missing.vsproj'), 'bad_request', /project file not found/],
  ];
}

test('a file Project.open refuses is refused in one line; the open project stays, the file is untouched', async () => {
  const switches = ui.events.filter((e) => e.event === 'project.switched').length;
  for (const [path, code, message] of badFiles()) {
    const before = existsSync(path) && statSync(path).isFile() ? digest(path) : null;
    const r = await ui.raw('project.open', { path });
    assert.equal(r.error?.code, code, path);
    assert.match(r.error!.message, message);
    assert.ok(!r.error!.message.includes('\n'), 'one line');
    if (before) assert.equal(digest(path), before, `${path} is byte-for-byte unchanged`);
    assert.ok(!existsSync(`${path}-wal`) && !existsSync(`${path}-journal`), `${path}: nothing written beside it`);
  }
  assert.equal((await ui.call<{ path: string }>('project.info')).path, first);
  assert.equal((await ui.call<unknown[]>('movies.list')).length, 1, 'the open project still answers');
  assert.equal(ui.events.filter((e) => e.event === 'project.switched').length, switches);
});

test('no switch while this process runs a job on the open project; once it ends, the switch lets go of the lease', async () => {
  const long = makeClip(dir, { seconds: 60, name: 'long.mp4' });
  const job = await ui.call<{ id: number }>('movies.import', { path: long });
  const r = await ui.raw('project.open', { path: second });
  assert.equal(r.error?.code, 'conflict');
  assert.match(r.error!.message, new RegExp(`a import-movie job \\(${job.id}\\) is (running|queued) on .*first\\.vsproj; let it finish or cancel it before switching projects`));
  assert.equal((await ui.call<{ path: string }>('project.info')).path, first);

  await ui.call('jobs.cancel', { jobId: job.id });
  await workspace.session.api.jobs.whenIdle();
  const old = workspace.session;
  assert.equal((await ui.call<{ path: string }>('project.open', { path: second })).path, second);
  assert.deepEqual(readLease(first), { state: 'free' });
  assert.equal(old.project.db.open, false);
});

test('forgetting a recent project takes it off the list; a missing file is flagged', async () => {
  const gone = join(dir, 'gone.vsproj');
  await ui.call('project.create', { path: gone });
  await ui.call('project.open', { path: second });
  for (const suffix of ['', '-wal', '-shm']) rmSync(gone + suffix, { force: true });
  const recent = await ui.call<Array<{ path: string; exists: boolean }>>('project.recent');
  assert.deepEqual(recent.map((r) => [r.path, r.exists]), [
    [second, true],
    [gone, false],
    [first, true],
  ]);
  const left = await ui.call<Array<{ path: string }>>('project.forgetRecent', { path: gone });
  assert.deepEqual(left.map((r) => r.path), [second, first]);
  assert.deepEqual(JSON.parse(readFileSync(recentFile, 'utf8')).projects.map((p: { path: string }) => p.path), [second, first]);
});

test('over IPC the same workspace switches, and the window hears it', async () => {
  const handlers = new Map<string, (e: IpcEventLike, method: string, params: unknown) => Promise<unknown>>();
  const heard: unknown[] = [];
  const ipcMain = {
    handle: (ch: string, fn: (e: IpcEventLike, method: string, params: unknown) => Promise<unknown>) => void handlers.set(ch, fn),
    removeHandler: (ch: string) => void handlers.delete(ch),
  };
  const sender = { isDestroyed: () => false, send: (ch: string, name: unknown, payload: unknown) => ch === IPC_EVENT && name === 'project.switched' && heard.push(payload) };
  const stop = serveIpc(ipcMain, workspace, () => sender, isAppMainFrame);
  try {
    const appPage: IpcEventLike = { senderFrame: { url: APP_INDEX_URL, parent: null } };
    const reply = (await handlers.get(IPC_CALL)!(appPage, 'project.open', { path: first })) as Reply;
    assert.equal((reply.result as { path: string }).path, first);
    assert.deepEqual(heard.map((p) => (p as { path: string }).path), [first]);
  } finally {
    stop();
  }
});

test('a switch waits for calls still working on the open project, and refuses past its wait with nothing changed', async () => {
  const [a, b] = [join(dir, 'drain-a.vsproj'), join(dir, 'drain-b.vsproj')];
  const ws = new Workspace(a, { recentFile, switchWaitMs: 300 });
  try {
    const api = ws.session.api;
    const original = api.call.bind(api);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // A slow call (a comparison computing features, say): held until released.
    api.call = (async (method: Parameters<typeof original>[0], params: unknown) => {
      await gate;
      return original(method, params);
    }) as typeof api.call;
    const slow = ws.call('movies.list', {});
    await assert.rejects(ws.call('project.create', { path: b }), /1 request\(s\) are still working on .*drain-a\.vsproj; try again when they finish/);
    assert.equal(existsSync(b), false, 'the refused switch created nothing');
    assert.equal(ws.session.project.path, a);
    const switching = ws.call('project.create', { path: b });
    setTimeout(release, 50);
    assert.deepEqual(await slow, [], 'the call in flight answered from the old project');
    assert.equal(((await switching) as { path: string }).path, b);
  } finally {
    ws.close();
  }
});
