/**
 * The two real transports as test clients with one interface, so one suite runs over both:
 * loopback HTTP/WebSocket (browser mode) and the IPC handler (with stand-ins for Electron's objects).
 */
import { WebSocket } from 'ws';
import { openSession, type Session } from '../../src-main/app/session.js';
import type { ApiEvents, ApiMethod, ApiParams, ApiResult } from '../../src-main/contract/api.js';
import { IPC_CALL, IPC_EVENT, serveIpc } from '../../src-main/transports/ipc.js';
import { APP_INDEX_URL, isAppMainFrame, type IpcEventLike } from '../../src-main/shell/shell-policy.js';
import { startBrowserServer, type BrowserServer } from '../../src-main/transports/http.js';

export interface TestClient {
  call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>>;
  /** Raw call that returns the error payload instead of throwing. */
  raw(method: string, params: unknown): Promise<{ result?: unknown; error?: { code: string; message: string } }>;
  events: Array<{ event: keyof ApiEvents; payload: unknown }>;
  session: Session;
  close(): Promise<void>;
}

type Raw = TestClient['raw'];

/** `call` on top of `raw`: results come back, error payloads become thrown errors. */
const throwingCall = (raw: Raw): TestClient['call'] => async (method, params) => {
  const r = await raw(method, params);
  if (r.error) throw new Error(r.error.message);
  return r.result as never;
};

export async function wsClient(projectPath: string, staticDir: string): Promise<TestClient & { server: BrowserServer }> {
  const session = openSession(projectPath);
  const server = await startBrowserServer({ api: session.api, staticDir, uploadDir: session.uploadDir });
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
  await new Promise((res, rej) => ws.once('open', res).once('error', rej));
  const pending = new Map<number, (msg: { result?: unknown; error?: { code: string; message: string } }) => void>();
  const events: TestClient['events'] = [];
  let next = 1;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.event) events.push(msg);
    else pending.get(msg.id)?.(msg);
  });
  const raw = (method: string, params: unknown) =>
    new Promise<{ result?: unknown; error?: { code: string; message: string } }>((res) => {
      const id = next++;
      pending.set(id, res);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    server,
    session,
    events,
    raw,
    call: throwingCall(raw),
    async close() {
      ws.close();
      await server.close();
      session.close();
    },
  };
}

export function ipcClient(projectPath: string): TestClient {
  const session = openSession(projectPath);
  const handlers = new Map<string, (e: IpcEventLike, method: string, params: unknown) => Promise<unknown>>();
  const events: TestClient['events'] = [];
  const ipcMain = {
    handle: (ch: string, fn: (e: IpcEventLike, method: string, params: unknown) => Promise<unknown>) => void handlers.set(ch, fn),
    removeHandler: (ch: string) => void handlers.delete(ch),
  };
  const sender = {
    isDestroyed: () => false,
    send: (ch: string, name: unknown, payload: unknown) => {
      if (ch === IPC_EVENT) events.push({ event: name as keyof ApiEvents, payload });
    },
  };
  const stop = serveIpc(ipcMain, session.api, () => sender, isAppMainFrame);
  // What Electron reports for a call from the app page in the window's main frame.
  const appPage: IpcEventLike = { senderFrame: { url: APP_INDEX_URL, parent: null } };
  // Structured clone is what IPC does to values; JSON is a stricter stand-in.
  const raw = async (method: string, params: unknown) =>
    JSON.parse(JSON.stringify(await handlers.get(IPC_CALL)!(appPage, method, JSON.parse(JSON.stringify(params ?? {})))));
  return {
    session,
    events,
    raw,
    call: throwingCall(raw),
    async close() {
      stop();
      session.close();
    },
  };
}
