/**
 * The thin Electron shell: window, lifecycle, the vs-media: protocol and IPC wiring. Everything else is
 * the plain-Node core, shared with browser mode.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { defaultProjectPath, openSession, RENDERER_DIR } from '../app/session.js';
import { mimeOf, parseRange } from '../transports/media-range.js';
import { serveIpc } from '../transports/ipc.js';

protocol.registerSchemesAsPrivileged([{ scheme: 'vs-media', privileges: { stream: true, supportFetchAPI: true, standard: true, secure: true } }]);

const projectArg = process.argv.find((a) => a.endsWith('.vsproj'));
let win: BrowserWindow | null = null;

app.whenReady().then(() => {
  const s = openSession(projectArg ?? defaultProjectPath());
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));

  protocol.handle('vs-media', (request) => {
    const id = Number(new URL(request.url).pathname.replace(/^\//, ''));
    const movie = s.project.movies.list().find((m) => m.id === id);
    if (!movie || !existsSync(movie.path)) return new Response('movie file not found', { status: 404 });
    const size = statSync(movie.path).size;
    const range = parseRange(request.headers.get('range'), size);
    if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const body = Readable.toWeb(createReadStream(movie.path, { start, end })) as ReadableStream;
    return new Response(body, {
      status: range ? 206 : 200,
      headers: {
        'Content-Type': mimeOf(movie.path),
        'Accept-Ranges': 'bytes',
        'Content-Length': String(end - start + 1),
        ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
      },
    });
  });

  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: `Valence Studio — ${s.project.path}`,
    webPreferences: {
      preload: join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  const stopIpc = serveIpc(ipcMain, s.api, () => win?.webContents ?? null);
  ipcMain.handle('valence:open-movie-dialog', async () => {
    const r = await dialog.showOpenDialog(win!, {
      properties: ['openFile'],
      filters: [{ name: 'Movies and audio', extensions: ['mp4', 'mkv', 'mov', 'webm', 'avi', 'm4v', 'mp3', 'wav', 'flac', 'ogg', 'm4a'] }],
    });
    return r.canceled ? null : r.filePaths[0];
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  void win.loadFile(join(RENDERER_DIR, 'index.html'));

  app.on('window-all-closed', () => {
    stopIpc();
    s.close();
    app.quit();
  });
});
