import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiService } from '../../src-main/api/service.js';
import { appResponse, resolveAppFile } from '../../src-main/shell/app-protocol.js';
import { APP_INDEX_URL, isAppMainFrame, isAppUrl, keepInApp, permissionAllowed, type IpcEventLike } from '../../src-main/shell/shell-policy.js';
import { IPC_CALL, IPC_REFUSED, serveIpc } from '../../src-main/transports/ipc.js';

const FOREIGN = ['https://valence/index.html', 'file:///tmp/index.html', 'vs-app://evil/index.html', 'vs-app://valence.evil/', 'vs-app://valence:8080/', 'vs-app://user:pw@valence/', 'vs-media://movie/1', 'about:blank', 'not a url', ''];

test('isAppUrl: only the vs-app://valence origin', () => {
  assert.equal(isAppUrl(APP_INDEX_URL), true);
  assert.equal(isAppUrl('vs-app://valence/deep/route?x=1#y'), true);
  for (const url of FOREIGN) assert.equal(isAppUrl(url), false, url);
});

test('keepInApp: navigation and redirects away from the app origin are prevented', () => {
  const prevented = (url: string) => {
    let p = false;
    keepInApp({ url, preventDefault: () => void (p = true) });
    return p;
  };
  assert.equal(prevented('vs-app://valence/index.html'), false);
  for (const url of FOREIGN) assert.equal(prevented(url), true, url);
});

test('permissionAllowed: fullscreen for the app main frame only, nothing else', () => {
  assert.equal(permissionAllowed('fullscreen', APP_INDEX_URL, true), true);
  assert.equal(permissionAllowed('fullscreen', 'vs-app://valence', true), true);
  assert.equal(permissionAllowed('fullscreen', APP_INDEX_URL, false), false);
  assert.equal(permissionAllowed('fullscreen', 'https://example.com/', true), false);
  for (const p of ['media', 'notifications', 'openExternal', 'clipboard-read', 'geolocation']) assert.equal(permissionAllowed(p, APP_INDEX_URL, true), false, p);
});

const mainFrame = (url: string): IpcEventLike => ({ senderFrame: { url, parent: null } });

test('isAppMainFrame: the app page in a main frame; not a subframe, a foreign page or a gone frame', () => {
  assert.equal(isAppMainFrame(mainFrame(APP_INDEX_URL)), true);
  assert.equal(isAppMainFrame({ senderFrame: { url: APP_INDEX_URL, parent: mainFrame(APP_INDEX_URL).senderFrame } }), false);
  assert.equal(isAppMainFrame(mainFrame('https://evil.example/')), false);
  assert.equal(isAppMainFrame(mainFrame('file:///tmp/index.html')), false);
  assert.equal(isAppMainFrame({ senderFrame: null }), false);
  assert.equal(isAppMainFrame({}), false);
});

test('serveIpc: calls not from the app main frame are refused before the API sees them', async () => {
  const handlers = new Map<string, (e: IpcEventLike, method: string, params: unknown) => Promise<unknown>>();
  const ipcMain = { handle: (ch: string, fn: (e: IpcEventLike, m: string, p: unknown) => Promise<unknown>) => void handlers.set(ch, fn), removeHandler: (ch: string) => void handlers.delete(ch) };
  const reached: string[] = [];
  const api = {
    call: async (method: string) => {
      reached.push(method);
      return 'ok';
    },
    on: () => () => {},
  } as unknown as ApiService;
  const stop = serveIpc(ipcMain, api, () => null, isAppMainFrame);
  const call = (e: IpcEventLike) => handlers.get(IPC_CALL)!(e, 'movies.list', {});
  const refused = { error: { code: 'bad_request', message: IPC_REFUSED } };
  assert.deepEqual(await call(mainFrame('https://evil.example/')), refused);
  assert.deepEqual(await call({ senderFrame: { url: APP_INDEX_URL, parent: {} } }), refused);
  assert.deepEqual(await call({ senderFrame: null }), refused);
  assert.deepEqual(reached, []);
  assert.deepEqual(await call(mainFrame(APP_INDEX_URL)), { result: 'ok' });
  assert.deepEqual(reached, ['movies.list']);
  stop();
  assert.equal(handlers.size, 0);
});

// root/ holds the renderer; a secret sits beside it, where traversal would reach.
const tmp = mkdtempSync(join(tmpdir(), 'vs-app-'));
const root = join(tmp, 'dist-renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
writeFileSync(join(tmp, 'secret.txt'), 'secret');
after(() => rmSync(tmp, { recursive: true, force: true }));
const at = (path: string) => resolveAppFile(root, `vs-app://valence${path}`);

test('resolveAppFile: files of the renderer, index.html for routes, nothing for missing assets', () => {
  assert.equal(at('/'), join(root, 'index.html'));
  assert.equal(at('/index.html'), join(root, 'index.html'));
  assert.equal(at('/assets/app.js?v=1'), join(root, 'assets', 'app.js'));
  assert.equal(at('/movies/3/timeline'), join(root, 'index.html'));
  assert.equal(at('/assets/'), join(root, 'index.html'));
  assert.equal(at('/assets/missing.js'), null);
  assert.equal(resolveAppFile(join(tmp, 'unbuilt'), APP_INDEX_URL), null);
});

test('resolveAppFile: another origin, traversal, encoded slashes, backslashes, NUL and bad escapes are refused', () => {
  assert.equal(resolveAppFile(root, 'vs-app://evil/index.html'), null);
  assert.equal(resolveAppFile(root, 'file:///etc/passwd'), null);
  for (const path of ['/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2F..%2Fsecret.txt', '/..%5csecret.txt', '/%5C..%5C..%5Csecret.txt', '/index.html%00.js', '/%E0%A4%A']) {
    assert.equal(at(path), null, path);
  }
});

test('resolveAppFile: dot segments and absolute paths stay inside the renderer folder', () => {
  // The URL parser folds these before the path is read: they can only name files under root.
  for (const path of ['/../secret.txt', '/%2e%2e/%2e%2e/secret.txt', '/../../etc/passwd', '//etc/passwd', '/%2Fetc%2Fpasswd']) {
    const file = at(path);
    assert.ok(file === null || file.startsWith(root), `${path} -> ${file}`);
    assert.notEqual(file, join(tmp, 'secret.txt'));
  }
  assert.equal(at('/../../etc/passwd'), join(root, 'index.html'));
  assert.equal(at('/../secret.txt'), null);
});

test('appResponse: the file with its type and the browser-mode security headers; 404 with them too', async () => {
  const js = appResponse(root, new Request('vs-app://valence/assets/app.js'));
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript');
  const csp = js.headers.get('content-security-policy') ?? '';
  assert.match(csp, /frame-ancestors 'none'/);
  // The page plays movies from vs-media:, so the header policy must allow it as the <meta> does.
  assert.match(csp, /media-src 'self' blob: vs-media:/);
  assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(js.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(await js.text(), 'export {};');
  const page = appResponse(root, new Request('vs-app://valence/some/route'));
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  const missing = appResponse(root, new Request('vs-app://valence/..%2fsecret.txt'));
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('x-content-type-options'), 'nosniff');
  assert.doesNotMatch(await missing.text(), /secret/);
});
