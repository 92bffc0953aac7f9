/**
 * The API over Electron IPC. Takes the two Electron objects it needs as parameters, so this file (like
 * all of the core) never imports electron: only src-main/shell does.
 */
import { API_EVENT_NAMES, type ServedApi } from '../contract/api.js';
import { toErrorPayload } from '../contract/errors.js';

export const IPC_CALL = 'valence:call';
export const IPC_EVENT = 'valence:event';
export const IPC_REFUSED = "IPC call refused: it did not come from the main frame of Valence Studio's own page";

interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, method: string, params: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

interface SenderLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/**
 * Calls never reject across IPC (Electron would mangle the error); they resolve to {result} or {error}.
 * `isTrustedSender` sees each call's event before the API does: any page or frame the renderer
 * process hosts can send on the channel, so the shell decides which of them may.
 */
export function serveIpc<E>(ipcMain: IpcMainLike<E>, api: ServedApi, target: () => SenderLike | null, isTrustedSender: (event: E) => boolean): () => void {
  ipcMain.handle(IPC_CALL, async (event, method, params) => {
    if (!isTrustedSender(event)) return { error: { code: 'bad_request', message: IPC_REFUSED } };
    try {
      return { result: await api.call(method, params) };
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
