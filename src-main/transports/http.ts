/**
 * Browser mode: the same API over loopback HTTP + WebSocket. Binds 127.0.0.1 only; every request and
 * socket must carry the per-launch token (query, header, or the cookie set when the page is opened).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_EVENT_NAMES, type ApiMethod } from '../contract/api.js';
import { toErrorPayload } from '../contract/errors.js';
import type { ApiService } from '../api/service.js';
import { mimeOf, sendFileWithRanges } from './media-range.js';

export interface BrowserServerOptions {
  api: ApiService;
  /** The built renderer (dist-renderer). */
  staticDir: string;
  port?: number;
  /** Where uploaded movies are kept (browsers cannot hand over file paths). */
  uploadDir: string;
}

export interface BrowserServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'vs_token';
const HTTP_STATUS = { bad_request: 400, not_found: 404, bad_media: 422, conflict: 409, internal: 500 } as const;

function tokenOf(req: IncomingMessage, url: URL): string | null {
  const header = req.headers['x-vs-token'];
  if (typeof header === 'string') return header;
  const q = url.searchParams.get('token');
  if (q) return q;
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === COOKIE);
  return cookie ? decodeURIComponent(cookie[1] ?? '') : null;
}

function sameToken(a: string | null, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

async function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function startBrowserServer({ api, staticDir, port = 0, uploadDir }: BrowserServerOptions): Promise<BrowserServer> {
  const token = randomBytes(24).toString('base64url');
  const root = resolve(staticDir);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!sameToken(tokenOf(req, url), token)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' });
      res.end('Valence Studio: this address needs the token printed when the server started.\n');
      return;
    }
    const cookie = `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;

    if (url.pathname.startsWith('/api/') && req.method === 'POST') {
      const method = url.pathname.slice(5) as ApiMethod;
      try {
        const body = await readBody(req);
        const result = await api.call(method, body ? JSON.parse(body) : {});
        sendJson(res, 200, { result });
      } catch (err) {
        const error = err instanceof SyntaxError ? { code: 'bad_request' as const, message: 'request body is not JSON' } : toErrorPayload(err);
        sendJson(res, HTTP_STATUS[error.code], { error });
      }
      return;
    }
    const media = /^\/media\/(\d+)$/.exec(url.pathname);
    if (media && (req.method === 'GET' || req.method === 'HEAD')) {
      try {
        const movie = api.project.movies.get(Number(media[1]));
        if (!existsSync(movie.path)) throw new Error(`the movie file has moved or was deleted: ${movie.path}`);
        sendFileWithRanges(req, res, movie.path, { 'Cache-Control': 'no-store' });
      } catch (err) {
        sendJson(res, 404, { error: toErrorPayload(err) });
      }
      return;
    }
    if (url.pathname === '/upload' && req.method === 'PUT') {
      const name = basename(url.searchParams.get('name') ?? 'upload').replace(/[^\w.\- ]+/g, '_') || 'upload';
      // One folder per upload keeps the original file name, which becomes the movie's title.
      const folder = join(uploadDir, `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`);
      mkdirSync(folder, { recursive: true });
      const dest = join(folder, name);
      try {
        await pipeline(req, createWriteStream(dest));
        sendJson(res, 200, { path: dest });
      } catch (err) {
        sendJson(res, 500, { error: toErrorPayload(err) });
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: { code: 'bad_request', message: `${req.method} ${url.pathname} is not supported` } });
      return;
    }
    // Static renderer files; anything unknown falls back to the app page.
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = resolve(root, rel || 'index.html');
    if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('The renderer is not built: run `npm run build:renderer`.\n');
      return;
    }
    const isPage = extname(file) === '.html';
    sendFileWithRanges(req, res, file, {
      'Content-Type': mimeOf(file),
      'Cache-Control': isPage ? 'no-store' : 'max-age=3600',
      ...(isPage ? { 'Set-Cookie': cookie } : {}),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { error: toErrorPayload(err) });
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws' || !sameToken(tokenOf(req, url), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, api));
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolvePromise({
        url: `http://127.0.0.1:${actual}/?token=${token}`,
        token,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            for (const c of wss.clients) c.terminate();
            wss.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}


function serveSocket(ws: WebSocket, api: ApiService): void {
  const unsubscribe = API_EVENT_NAMES.map((event) =>
    api.on(event, (payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    }),
  );
  ws.on('close', () => unsubscribe.forEach((u) => u()));
  ws.on('message', async (data) => {
    let id: unknown = null;
    try {
      const msg = JSON.parse(data.toString()) as { id?: unknown; method?: string; params?: unknown };
      id = msg.id ?? null;
      const result = await api.call(msg.method as ApiMethod, msg.params);
      ws.send(JSON.stringify({ id, result }));
    } catch (err) {
      const error = err instanceof SyntaxError ? { code: 'bad_request', message: 'message is not JSON' } : toErrorPayload(err);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, error }));
    }
  });
}
