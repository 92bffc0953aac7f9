/**
 * The two transports behind the one API contract: the Electron preload bridge when it is present,
 * otherwise the loopback WebSocket of browser mode.
 */
import type {
  ApiErrorPayload,
  ApiEventName,
  ApiEvents,
  ApiParams,
  ApiResult,
  ApiTransport,
  AppMethod,
} from '../../../src-main/contract/api.js';

/** A failed call, carrying the server's code so the UI can tell bad media from a lost connection. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorPayload['code'] | 'disconnected',
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the preload script puts on `window` (contextIsolation on: plain functions only). */
export interface ValenceStudioBridge {
  call(method: string, params: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  mediaUrl(movieId: number): string;
  pathForFile(file: File): string;
  openMovieDialog(): Promise<string[]>;
  projectDialog(mode: 'open' | 'new'): Promise<string | null>;
}

declare global {
  interface Window {
    valenceStudio?: ValenceStudioBridge;
  }
}

type Listener = (payload: never) => void;

class Listeners {
  readonly #map = new Map<string, Set<Listener>>();

  add(event: string, listener: Listener): () => void {
    const set = this.#map.get(event) ?? new Set();
    this.#map.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  emit(event: string, payload: unknown): void {
    for (const l of this.#map.get(event) ?? []) (l as (p: unknown) => void)(payload);
  }
}

function electronTransport(bridge: ValenceStudioBridge): ApiTransport {
  return {
    async call(method, params) {
      // The main process never rejects across IPC (Electron would mangle the error): it answers an envelope.
      const reply = (await bridge.call(method, params)) as { result?: unknown; error?: ApiErrorPayload };
      if (reply.error) throw new ApiError(reply.error.code, reply.error.message);
      return reply.result as never;
    },
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void),
    mediaUrl: (movieId) => bridge.mediaUrl(movieId),
    pathForFile: (file) => bridge.pathForFile(file),
    openMovieDialog: () => bridge.openMovieDialog(),
    projectDialog: (mode) => bridge.projectDialog(mode),
  };
}

const TOKEN_KEY = 'vs_token';

/** The launch token arrives once in the URL; keep it for reloads and take it out of the address bar. */
function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** Browser mode: JSON-RPC over one WebSocket, reconnected with backoff; media and uploads over HTTP. */
export class BrowserTransport implements ApiTransport {
  readonly #token = takeToken();
  readonly #listeners = new Listeners();
  readonly #pending = new Map<number, Pending>();
  #queue: string[] = [];
  #socket: WebSocket | null = null;
  #nextId = 1;
  #retryMs = 250;
  #everOpened = false;

  constructor() {
    this.#connect();
  }

  call<M extends AppMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    const id = this.#nextId++;
    const text = JSON.stringify({ id, method, params });
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(text);
      else this.#queue.push(text);
    });
  }

  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    return this.#listeners.add(event, listener as Listener);
  }

  /** Reconnection after a drop: state holders reload what they show. */
  onReconnect(listener: () => void): () => void {
    return this.#listeners.add('@reconnect', listener as Listener);
  }

  mediaUrl(movieId: number): string {
    // The token must be in the URL: the server's cookie opens only the renderer's own files, never media.
    return `${location.origin}/media/${movieId}?token=${encodeURIComponent(this.#token)}`;
  }

  upload(file: File, onProgress?: (fraction: number) => void): Promise<{ path: string }> {
    // XHR rather than fetch: fetch cannot report upload progress.
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', `/upload?name=${encodeURIComponent(file.name)}`);
      xhr.setRequestHeader('X-VS-Token', this.#token);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
      xhr.onerror = () => reject(new ApiError('disconnected', `Upload of ${file.name} failed: the app server did not answer.`));
      xhr.onload = () => {
        let body: { path?: string; error?: ApiErrorPayload } = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // a non-JSON answer falls through to the status check below
        }
        if (xhr.status >= 200 && xhr.status < 300 && body.path) resolve({ path: body.path });
        else reject(new ApiError(body.error?.code ?? 'internal', body.error?.message ?? `Upload failed (HTTP ${xhr.status}).`));
      };
      xhr.send(file);
    });
  }

  #connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(this.#token)}`);
    this.#socket = ws;
    ws.onopen = () => {
      this.#retryMs = 250;
      for (const text of this.#queue) ws.send(text);
      this.#queue = [];
      if (this.#everOpened) this.#listeners.emit('@reconnect', undefined);
      this.#everOpened = true;
    };
    ws.onmessage = (msg) => this.#receive(String(msg.data));
    ws.onclose = () => {
      // Calls in flight may or may not have run; resending an edit could apply it twice, so fail them.
      for (const p of this.#pending.values()) p.reject(new ApiError('disconnected', 'Lost the connection to the app server.'));
      this.#pending.clear();
      this.#socket = null;
      setTimeout(() => this.#connect(), this.#retryMs);
      this.#retryMs = Math.min(5000, this.#retryMs * 2);
    };
  }

  #receive(text: string): void {
    const msg = JSON.parse(text) as
      | { id: number; result?: unknown; error?: ApiErrorPayload }
      | { event: ApiEventName; payload: unknown };
    if ('event' in msg) {
      this.#listeners.emit(msg.event, msg.payload);
      return;
    }
    const p = this.#pending.get(msg.id);
    if (!p) return;
    this.#pending.delete(msg.id);
    if (msg.error) p.reject(new ApiError(msg.error.code, msg.error.message));
    else p.resolve(msg.result);
  }
}

export function createTransport(): ApiTransport & { onReconnect?(listener: () => void): () => void } {
  return window.valenceStudio ? electronTransport(window.valenceStudio) : new BrowserTransport();
}
