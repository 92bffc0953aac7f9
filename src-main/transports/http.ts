/**
 * Browser mode: the same API over loopback HTTP + WebSocket. Binds 127.0.0.1 only; every request and
 * socket must name this server as its Host, come from no other origin, and carry the per-launch token
 * (query or header; the cookie set when the page is opened covers the renderer's own files).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { extname, join, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_EVENT_NAMES, type ServedApi } from '../contract/api.js';
import { toErrorPayload } from '../contract/errors.js';
import { browserModeHeaders, cookieName, originRefusal, sameToken, tokenOf } from './http-guard.js';
import { HttpError, readBody, sendJson, sendRefusal, sendText } from './http-io.js';
import { mimeOf, sendFileWithRanges } from './media-range.js';
import { isFile, rendererPath } from './renderer-files.js';
import { receiveUpload, safeUploadName, type UploadLimits } from './uploads.js';

export interface BrowserServerLimits extends UploadLimits {
  /** The largest JSON API request (HTTP body or WebSocket message). */
  maxJsonBytes: number;
}

const DEFAULT_LIMITS: BrowserServerLimits = {
  maxUploadBytes: 64 * 1024 ** 3,
  uploadReserveBytes: 512 * 1024 ** 2,
  maxJsonBytes: 64 * 1024 ** 2,
};

export interface BrowserServerOptions {
  /** One project's service, or the workspace that switches projects under the same server. */
  api: ServedApi;
  /** The built renderer (dist-renderer). */
  staticDir: string;
  port?: number;
  /** Where uploaded movies are kept (browsers cannot hand over file paths); asked per upload when it follows the open project. */
  uploadDir: string | (() => string);
  limits?: Partial<BrowserServerLimits>;
}

export interface BrowserServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const HTTP_STATUS = { bad_request: 400, not_found: 404, bad_media: 422, conflict: 409, internal: 500 } as const;
const NO_TOKEN = 'Valence Studio: this address needs the token printed when the server started.\n';

/** Paths answered by the API rather than the renderer's files: the cookie does not open these. */
const isApiPath = (path: string) => path.startsWith('/api/') || path.startsWith('/media/') || path === '/upload' || path === '/ws';

export function startBrowserServer({ api, staticDir, port = 0, uploadDir, limits: given }: BrowserServerOptions): Promise<BrowserServer> {
  const token = randomBytes(24).toString('base64url');
  const root = resolve(staticDir);
  const limits = { ...DEFAULT_LIMITS, ...given };
  // The real port is known once listening, before any request arrives.
  let ownPort = port;
  let headers: Record<string, string> = {};

  /** Why a request or socket must be refused, or null. */
  const refusal = (req: IncomingMessage, url: URL): string | null => {
    const foreign = originRefusal(req.headers, ownPort);
    if (foreign) return `Valence Studio: ${foreign}.\n`;
    return sameToken(tokenOf(req.headers, url, ownPort, !isApiPath(url.pathname)), token) ? null : NO_TOKEN;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = refusal(req, url);
    if (refused) {
      sendText(res, 403, refused);
      return;
    }

    if (url.pathname.startsWith('/api/') && req.method === 'POST') {
      try {
        const body = await readBody(req, limits.maxJsonBytes);
        const result = await api.call(url.pathname.slice(5), body ? JSON.parse(body) : {});
        sendJson(res, 200, { result });
      } catch (err) {
        if (err instanceof HttpError) return sendRefusal(res, err);
        const error = err instanceof SyntaxError ? { code: 'bad_request' as const, message: 'request body is not JSON' } : toErrorPayload(err);
        sendJson(res, HTTP_STATUS[error.code], { error });
      }
      return;
    }
    const media = /^\/media\/(\d+)$/.exec(url.pathname);
    if (media && (req.method === 'GET' || req.method === 'HEAD')) {
      try {
        sendFileWithRanges(req, res, api.mediaFile(Number(media[1])), { 'Cache-Control': 'no-store' });
      } catch (err) {
        const error = toErrorPayload(err);
        sendJson(res, HTTP_STATUS[error.code], { error });
      }
      return;
    }
    if (url.pathname === '/upload' && req.method === 'PUT') {
      try {
        const dir = typeof uploadDir === 'string' ? uploadDir : uploadDir();
        const path = await receiveUpload(req, dir, safeUploadName(url.searchParams.get('name')), limits);
        sendJson(res, 200, { path });
      } catch (err) {
        if (err instanceof HttpError) sendRefusal(res, err);
        else sendJson(res, 500, { error: toErrorPayload(err) });
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: { code: 'bad_request', message: `${req.method} ${url.pathname} is not supported` } });
      return;
    }
    // Static renderer files; anything unknown falls back to the app page.
    const asked = rendererPath(root, url.pathname);
    const file = asked && isFile(asked) ? asked : join(root, 'index.html');
    if (!isFile(file)) {
      sendText(res, 500, 'The renderer is not built: run `npm run build:renderer`.\n');
      return;
    }
    const isPage = extname(file) === '.html';
    sendFileWithRanges(req, res, file, {
      'Content-Type': mimeOf(file),
      'Cache-Control': isPage ? 'no-store' : 'max-age=3600',
      ...(isPage ? { 'Set-Cookie': `${cookieName(ownPort)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/` } : {}),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { error: toErrorPayload(err) });
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxJsonBytes });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = url.pathname === '/ws' ? refusal(req, url) : 'Valence Studio: WebSocket is served at /ws only.\n';
    if (refused) return refuseUpgrade(socket, refused, headers);
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, api));
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      ownPort = typeof address === 'object' && address ? address.port : port;
      headers = browserModeHeaders(ownPort);
      resolvePromise({
        url: `http://127.0.0.1:${ownPort}/?token=${token}`,
        token,
        port: ownPort,
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

/** An upgrade is answered on the raw socket, so the refusal carries the same headers by hand. */
function refuseUpgrade(socket: Duplex, reason: string, headers: Record<string, string>): void {
  const lines = Object.entries({ ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(reason)), Connection: 'close' });
  socket.end(`HTTP/1.1 403 Forbidden\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${reason}`);
}

function serveSocket(ws: WebSocket, api: ServedApi): void {
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
      const result = await api.call(String(msg.method), msg.params);
      ws.send(JSON.stringify({ id, result }));
    } catch (err) {
      const error = err instanceof SyntaxError ? { code: 'bad_request', message: 'message is not JSON' } : toErrorPayload(err);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, error }));
    }
  });
}
