/**
 * The API over Electron IPC. Takes the two Electron objects it needs as parameters, so this file (like
 * all of the core) never imports electron: only src-main/shell does.
 */
import { API_EVENT_NAMES } from '../contract/api.js';
import { toErrorPayload } from '../contract/errors.js';
import type { ApiService } from '../api/service.js';

export const IPC_CALL = 'valence:call';
export const IPC_EVENT = 'valence:event';

interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, method: string, params: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

interface SenderLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Calls never reject across IPC (Electron would mangle the error); they resolve to {result} or {error}. */
export function serveIpc(ipcMain: IpcMainLike, api: ApiService, target: () => SenderLike | null): () => void {
  ipcMain.handle(IPC_CALL, async (_event, method, params) => {
    try {
      return { result: await api.call(method as never, params) };
    } catch (err) {
      return { error: toErrorPayload(err) };
    }
  });
  const unsubscribe = API_EVENT_NAMES.map((name) =>
    api.on(name, (payload) => {
      const t = target();
      if (t && !t.isDestroyed()) t.send(IPC_EVENT, name, payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    unsubscribe.forEach((u) => u());
  };
}
