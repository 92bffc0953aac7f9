/** One API suite, run over both transports: import, events, undo/redo across restart, errors. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeClip, tempDir } from '../helpers/media.js';
import { ipcClient, wsClient, type TestClient } from '../helpers/transports.js';

async function waitForJob(c: TestClient, jobId: number) {
  for (let i = 0; i < 400; i++) {
    const job = (await c.call('jobs.list', {})).find((j) => j.id === jobId)!;
    if (!['queued', 'running'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

const transports: Array<[string, (path: string) => Promise<TestClient>]> = [
  ['http+websocket', (p) => wsClient(p, tempDir())],
  ['ipc', async (p) => ipcClient(p)],
];

for (const [name, open] of transports) {
  describe(`API over ${name}`, () => {
    test('import a clip, edit events, undo and redo survive a restart', async () => {
      const dir = tempDir();
      const clip = makeClip(dir, { seconds: 3 });
      const projectPath = join(dir, 'p.vsproj');
      let c = await open(projectPath);

      const job = await c.call('movies.import', { path: clip });
      const done = await waitForJob(c, job.id);
      assert.equal(done.state, 'done', done.message);
      const [movie] = await c.call('movies.list', {});
      assert.ok(Math.abs(movie.duration - 3) < 0.1);
      assert.equal(movie.fps, 25);
      assert.equal(movie.video?.width, 320);
      assert.ok(c.events.some((e) => e.event === 'job.updated'));

      const peaks = await c.call('peaks.get', { movieId: movie.id, binsPerSecond: 100 });
      assert.equal(peaks.binsPerSecond, 100);
      assert.ok(Math.abs(peaks.count - 300) <= 2);
      const max = new Int16Array(Buffer.from(peaks.max, 'base64').buffer.slice(0));
      assert.ok(Math.max(...max) > 10000, 'a sine tone has loud peaks');

      const created = await c.call('events.create', { movieId: movie.id, label: 'laughter', onset: 0.5, offset: 1.2 });
      const ev = created.events[0];
      assert.equal(ev.source, 'human');
      await c.call('events.update', { patches: [{ id: ev.id, onset: 1, offset: 2, label: 'crying' }] });
      await c.call('events.delete', { ids: [ev.id] });
      assert.equal((await c.call('events.list', { movieId: movie.id })).length, 0);
      const h = await c.call('history.undo', {});
      assert.ok(h.canRedo);
      const back = await c.call('events.list', { movieId: movie.id });
      assert.deepEqual([back[0].label, back[0].onset, back[0].offset], ['crying', 1, 2]);

      await c.close();
      c = await open(projectPath); // a restart
      await c.call('history.undo', {});
      let list = await c.call('events.list', { movieId: movie.id });
      assert.deepEqual([list[0].label, list[0].onset], ['laughter', 0.5]);
      await c.call('history.redo', {});
      list = await c.call('events.list', { movieId: movie.id });
      assert.equal(list[0].label, 'crying');

      const exported = await c.call('events.export', { movieId: movie.id, format: 'tsv' });
      assert.deepEqual(exported.files.map((f) => f.text), ['onset\toffset\tevent_label\n1.000\t2.000\tcrying\n']);
      await c.call('events.import', { movieId: movie.id, format: 'audacity', files: [{ name: 'labels.txt', text: '0.2\t0.4\tshouting\n' }] });
      assert.equal((await c.call('events.list', { movieId: movie.id })).length, 2);
      assert.ok(c.session.project.integrityOk());
      await c.close();
    });

    test('bad calls get clear errors and the core keeps serving', async () => {
      const c = await open(join(tempDir(), 'e.vsproj'));
      const unknown = await c.raw('movies.frobnicate', {});
      assert.equal(unknown.error?.code, 'bad_request');
      const badParams = await c.raw('events.create', { movieId: 'one', label: 'laughter', onset: 0, offset: 1 });
      assert.match(badParams.error?.message ?? '', /events\.create: movieId/);
      const badLabel = await c.raw('events.create', { movieId: 1, label: 'barking', onset: 0, offset: 1 });
      assert.equal(badLabel.error?.code, 'bad_request');
      const missing = await c.raw('movies.get', { movieId: 99 });
      assert.equal(missing.error?.code, 'not_found');
      const noFile = await c.raw('movies.import', { path: '/nonexistent/film.mp4' });
      assert.match(noFile.error?.message ?? '', /file not found/);
      assert.deepEqual(await c.call('movies.list', {}), []);
      await c.close();
    });
  });
}

test('browser mode refuses requests without the token and streams media with ranges', async () => {
  const dir = tempDir();
  const clip = makeClip(dir, { seconds: 2 });
  const c = await wsClient(join(dir, 'r.vsproj'), dir);
  const base = `http://127.0.0.1:${c.server.port}`;
  assert.equal((await fetch(`${base}/api/movies.list`, { method: 'POST', body: '{}' })).status, 403);
  assert.equal((await fetch(`${base}/api/movies.list?token=wrong`, { method: 'POST', body: '{}' })).status, 403);
  const ok = await fetch(`${base}/api/movies.list`, { method: 'POST', body: '{}', headers: { 'X-VS-Token': c.server.token } });
  assert.deepEqual(await ok.json(), { result: [] });

  const job = await c.call('movies.import', { path: clip });
  await waitForJob(c, job.id);
  const media = await fetch(`${base}/media/1`, { headers: { 'X-VS-Token': c.server.token, Range: 'bytes=10-19' } });
  assert.equal(media.status, 206);
  assert.equal(media.headers.get('content-range')?.startsWith('bytes 10-19/'), true);
  assert.equal((await media.arrayBuffer()).byteLength, 10);
  assert.equal((await fetch(`${base}/media/1`)).status, 403);
  await c.close();
});
