/**
 * The attack from issue #14 in real Chromium: the app is open on server A, so the browser holds A's
 * cookie; a page from another loopback port (which the cookie reaches, ports notwithstanding) tries a
 * no-cors POST that creates an event and a WebSocket that lists the movies. Neither may get through.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { missingPrerequisite, openStudio, type Studio } from './harness.js';

const skip = missingPrerequisite();
let studio: Studio;
let hostile: Server;

/** The attacker's page: it knows A's port and a movie id, not the token. */
const attackPage = (port: number, movieId: number) => `<!doctype html><script>
window.outcome = (async () => {
  const a = 'http://127.0.0.1:${port}';
  const body = JSON.stringify({ movieId: ${movieId}, label: 'laughter', onset: 1, offset: 2 });
  let post = 'sent';
  await fetch(a + '/api/events.create', { method: 'POST', mode: 'no-cors', credentials: 'include', body }).catch(() => (post = 'failed'));
  const ws = await new Promise((resolve) => {
    const s = new WebSocket('ws://127.0.0.1:${port}/ws');
    s.onopen = () => s.send(JSON.stringify({ id: 1, method: 'movies.list', params: {} }));
    s.onmessage = (m) => resolve('answered: ' + m.data);
    s.onclose = () => resolve('closed');
    setTimeout(() => resolve('timed out'), 5000);
  });
  return { post, ws };
})();
</script>`;

before(async () => {
  if (skip) return;
  studio = await openStudio();
  hostile = createServer();
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  await studio?.close();
  hostile?.close();
});

test('a page on another loopback port cannot use the app cookie to edit or read the project', { skip: skip ?? false }, async () => {
  const { session, server, page } = studio;
  const movie = session.project.movies.insert({
    path: '/nonexistent/secret-film.mp4',
    title: 'secret film',
    contentHash: 'secret-hash',
    sizeBytes: 0,
    duration: 10,
    fps: 25,
    audio: null,
    video: null,
  });
  const cookies = await page.context().cookies(`http://127.0.0.1:${server.port}`);
  assert.ok(cookies.some((c) => c.name === `vs_token_${server.port}`), 'the browser holds the app cookie');

  hostile.on('request', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(attackPage(server.port, movie.id)));
  // Same browser, same cookie jar: the tab leaves the app for the attacker's page.
  await page.goto(`http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`);
  const outcome = await page.evaluate(() => (window as unknown as { outcome: Promise<{ post: string; ws: string }> }).outcome);

  assert.deepEqual(await session.api.call('events.list', { movieId: movie.id }), [], 'no event was created');
  assert.equal(outcome.ws, 'closed', 'the socket was refused, not answered');
});
