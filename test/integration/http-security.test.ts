/**
 * Browser mode refuses what is not its own page: wrong Host (DNS rebinding), another origin (a page on
 * another loopback port), the cookie outside the renderer's files; it answers with security headers
 * every time; and uploads or JSON bodies that cannot fit are refused with nothing left on disk.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { openSession, type Session } from '../../src-main/app/session.js';
import { cookieName, originRefusal, tokenOf } from '../../src-main/transports/http-guard.js';
import { startBrowserServer, type BrowserServer } from '../../src-main/transports/http.js';
import { uploadRefusal } from '../../src-main/transports/uploads.js';
import { tempDir } from '../helpers/media.js';

const LIMITS = { maxUploadBytes: 4096, uploadReserveBytes: 0, maxJsonBytes: 1024 };

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

let session: Session;
let server: BrowserServer;

before(async () => {
  const dir = tempDir();
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {};');
  session = openSession(join(dir, 'p.vsproj'));
  server = await startBrowserServer({ api: session.api, staticDir, uploadDir: session.uploadDir, limits: LIMITS });
});
after(async () => {
  await server.close();
  session.close();
});

const own = () => `127.0.0.1:${server.port}`;

/** A raw request, so Host and Origin can be anything; `body` is written whole unless `stream` says otherwise. */
function send(method: string, path: string, headers: OutgoingHttpHeaders = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers: { host: own(), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const withToken = (headers: OutgoingHttpHeaders = {}) => ({ 'x-vs-token': server.token, ...headers });
const uploadsLeft = () => (existsSync(session.uploadDir) ? readdirSync(session.uploadDir) : []);

function assertSecurityHeaders(r: Reply): void {
  assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/, `CSP on ${r.status}`);
  assert.match(String(r.headers['content-security-policy']), new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${server.port}`));
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['referrer-policy'], 'no-referrer');
  assert.equal(r.headers['x-frame-options'], 'DENY');
}

describe('guard rules', () => {
  test('Host must be our own address; Origin, when sent, our own page', () => {
    assert.equal(originRefusal({ host: '127.0.0.1:5000' }, 5000), null);
    assert.equal(originRefusal({ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000' }, 5000), null);
    assert.match(originRefusal({ host: 'localhost:5000' }, 5000)!, /Host must be 127\.0\.0\.1:5000/);
    assert.match(originRefusal({ host: 'rebound.example:5000' }, 5000)!, /Host/);
    assert.match(originRefusal({}, 5000)!, /Host/);
    assert.match(originRefusal({ host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5001' }, 5000)!, /5001 are not accepted/);
    assert.match(originRefusal({ host: '127.0.0.1:5000', origin: 'null' }, 5000)!, /not accepted/);
  });

  test('the cookie is named after the port and opens only what the caller allows', () => {
    assert.equal(cookieName(5000), 'vs_token_5000');
    const url = new URL('http://127.0.0.1:5000/');
    const headers = { cookie: 'vs_token=old; vs_token_5000=abc' };
    assert.equal(tokenOf(headers, url, 5000, true), 'abc');
    assert.equal(tokenOf(headers, url, 5000, false), null);
    assert.equal(tokenOf({ cookie: 'vs_token=old' }, url, 5000, true), null, 'an unported cookie is not ours');
  });

  test('uploads need a length that fits both the limit and the disk', () => {
    const limits = { maxUploadBytes: 100, uploadReserveBytes: 10 };
    assert.equal(uploadRefusal(null, 1000, limits)?.status, 411);
    assert.equal(uploadRefusal(101, 1000, limits)?.status, 413);
    assert.equal(uploadRefusal(100, 1000, limits), null);
    assert.equal(uploadRefusal(100, 109, limits)?.status, 507);
    assert.equal(uploadRefusal(99, 109, limits), null);
    assert.equal(uploadRefusal(Number.NaN, 1000, limits)?.status, 400);
  });
});

describe('requests', () => {
  test('a wrong Host header is refused with 403 and a reason', async () => {
    for (const host of [`localhost:${server.port}`, `rebound.example:${server.port}`, '127.0.0.1:1']) {
      const r = await send('POST', '/api/movies.list', withToken({ host }), '{}');
      assert.equal(r.status, 403, host);
      assert.match(r.body, /Host must be 127\.0\.0\.1/);
      assertSecurityHeaders(r);
    }
  });

  test('an API call from another origin is refused even with the token; our own origin is served', async () => {
    const foreign = await send('POST', '/api/movies.list', withToken({ origin: 'http://127.0.0.1:1' }), '{}');
    assert.equal(foreign.status, 403);
    assert.match(foreign.body, /not accepted/);
    assertSecurityHeaders(foreign);
    const ours = await send('POST', '/api/movies.list', withToken({ origin: `http://${own()}` }), '{}');
    assert.equal(ours.status, 200);
    assert.deepEqual(JSON.parse(ours.body), { result: [] });
    assertSecurityHeaders(ours);
  });

  test('the page sets a cookie named after the port; it opens the renderer files but not the API', async () => {
    const page = await send('GET', `/?token=${server.token}`);
    assert.equal(page.status, 200);
    assertSecurityHeaders(page);
    const setCookie = page.headers['set-cookie']?.[0] ?? '';
    assert.match(setCookie, new RegExp(`^vs_token_${server.port}=[^;]+; HttpOnly; SameSite=Strict; Path=/`));
    const cookie = setCookie.split(';')[0];
    assert.equal((await send('GET', '/assets/app.js', { cookie })).status, 200);
    assert.equal((await send('GET', '/assets/app.js', { cookie: cookie.replace(/^vs_token_\d+/, 'vs_token') })).status, 403);
    assert.equal((await send('POST', '/api/movies.list', { cookie }, '{}')).status, 403, 'the API needs the token itself');
    assert.equal((await send('GET', '/media/1', { cookie })).status, 403);
  });

  test('errors carry the security headers too', async () => {
    const missing = await send('GET', `/media/999?token=${server.token}`);
    assert.equal(missing.status, 404);
    assertSecurityHeaders(missing);
  });

  test('a JSON body over the limit is 413, declared or streamed', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(LIMITS.maxJsonBytes) });
    const declared = await send('POST', '/api/movies.list', withToken(), big);
    assert.equal(declared.status, 413);
    assert.match(JSON.parse(declared.body).error.message, /larger than the 1 KiB/);
    assertSecurityHeaders(declared);
    const streamed = await send('POST', '/api/movies.list', withToken({ 'transfer-encoding': 'chunked' }), big);
    assert.equal(streamed.status, 413);
  });
});

describe('WebSocket upgrades', () => {
  const open = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://${own()}/ws?token=${server.token}`, { headers });
      ws.once('open', () => (ws.close(), resolve(101)));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!));
      ws.once('error', reject);
    });

  test('another origin is refused even with the token and the cookie; our own origin is served', async () => {
    const cookie = `${cookieName(server.port)}=${server.token}`;
    assert.equal(await open({ origin: 'http://127.0.0.1:1', cookie }), 403);
    assert.equal(await open({ origin: `http://${own()}`, host: `localhost:${server.port}` }), 403);
    assert.equal(await open({ origin: `http://${own()}` }), 101);
  });
});

describe('uploads', () => {
  test('a good upload is kept in its own folder under its sanitized name', async () => {
    const r = await send('PUT', '/upload?name=' + encodeURIComponent('../my film?.mp4'), withToken(), Buffer.alloc(1000, 7));
    assert.equal(r.status, 200);
    const { path } = JSON.parse(r.body);
    assert.match(path, /my film_\.mp4$/);
    assert.ok(path.startsWith(session.uploadDir));
    assert.equal(readFileSync(path).length, 1000);
  });

  test('over the limit: 413 before any byte is stored', async () => {
    const before = uploadsLeft();
    const r = await send('PUT', '/upload?name=big.mp4', withToken(), Buffer.alloc(LIMITS.maxUploadBytes + 1));
    assert.equal(r.status, 413);
    assertSecurityHeaders(r);
    assert.deepEqual(uploadsLeft(), before);
  });

  test('without a Content-Length: 411, nothing stored', async () => {
    const before = uploadsLeft();
    const r = await send('PUT', '/upload?name=chunked.mp4', withToken({ 'transfer-encoding': 'chunked' }), Buffer.alloc(10));
    assert.equal(r.status, 411);
    assert.deepEqual(uploadsLeft(), before);
  });

  test('more than the disk can take (less its reserve): 507, nothing stored', async () => {
    const dir = tempDir();
    const full = await startBrowserServer({
      api: session.api,
      staticDir: dir,
      uploadDir: join(dir, 'uploads'),
      limits: { uploadReserveBytes: Number.MAX_SAFE_INTEGER },
    });
    try {
      const r = await new Promise<number>((resolve, reject) =>
        request({ host: '127.0.0.1', port: full.port, method: 'PUT', path: '/upload?name=a.mp4', headers: { 'x-vs-token': full.token } }, (res) =>
          resolve(res.resume().statusCode!),
        )
          .on('error', reject)
          .end(Buffer.alloc(10)),
      );
      assert.equal(r, 507);
      assert.deepEqual(readdirSync(join(dir, 'uploads')), []);
    } finally {
      await full.close();
    }
  });

  test('a client that goes away mid-body leaves nothing behind', async () => {
    const before = uploadsLeft();
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      method: 'PUT',
      path: '/upload?name=cut.mp4',
      headers: withToken({ host: own(), 'content-length': 4000 }),
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(1500));
    // Wait until the server has made the folder and holds part of the body, then hang up.
    for (let i = 0; i < 100 && uploadsLeft().length === before.length; i++) await sleep(10);
    assert.equal(uploadsLeft().length, before.length + 1, 'the upload had started');
    req.destroy();
    for (let i = 0; i < 200 && uploadsLeft().length !== before.length; i++) await sleep(10);
    assert.deepEqual(uploadsLeft(), before);
  });
});
