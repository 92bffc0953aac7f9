/**
 * The thin Electron shell: window, lifecycle, the vs-app: and vs-media: protocols, IPC wiring and the
 * app-wide guards. The decisions live in shell-policy.ts and app-protocol.ts; everything else is the
 * plain-Node core, shared with browser mode.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type WebContents } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultProjectPath, openSession, RENDERER_DIR } from '../app/session.js';
import { toErrorPayload } from '../contract/errors.js';
import { describeTool } from '../media/ffmpeg-binaries.js';
import { fileResponse } from '../transports/media-range.js';
import { IPC_REFUSED, serveIpc } from '../transports/ipc.js';
import { appResponse } from './app-protocol.js';
import { APP_INDEX_URL, APP_SCHEME, isAppMainFrame, keepInApp, permissionAllowed } from './shell-policy.js';

// One call: registering privileged schemes again would replace the first list.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: 'vs-media', privileges: { stream: true, supportFetchAPI: true, standard: true, secure: true } },
]);

/** Every web contents, however it came to be: no popups, no webviews, no leaving the app's origin. */
function guard(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', keepInApp);
  contents.on('will-redirect', keepInApp);
  contents.on('will-attach-webview', (e) => e.preventDefault());
}
app.on('web-contents-created', (_e, contents) => guard(contents));

const projectPath = resolve(process.argv.find((a) => a.endsWith('.vsproj')) ?? defaultProjectPath());
let win: BrowserWindow | null = null;

app.whenReady().then(() => {
  const s = openSession(projectPath, { label: 'the Valence Studio app' });
  console.log(`Valence Studio: decoding with ${describeTool('ffmpeg')}`);
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb, details) =>
    cb(permissionAllowed(permission, details.requestingUrl, details.isMainFrame)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? origin, details.isMainFrame),
  );

  protocol.handle(APP_SCHEME, (request) => appResponse(RENDERER_DIR, request));
  protocol.handle('vs-media', (request) => {
    const id = Number(new URL(request.url).pathname.replace(/^\//, ''));
    try {
      return fileResponse(s.api.mediaFile(id), request.headers.get('range'));
    } catch (err) {
      return new Response(toErrorPayload(err).message, { status: 404 });
    }
  });

  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: `Valence Studio — ${projectPath}`,
    webPreferences: {
      preload: join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  const stopIpc = serveIpc(ipcMain, s.api, () => win?.webContents ?? null, isAppMainFrame);
  ipcMain.handle('valence:open-movie-dialog', async (event) => {
    if (!isAppMainFrame(event)) throw new Error(IPC_REFUSED);
    const r = await dialog.showOpenDialog(win!, {
      properties: ['openFile'],
      filters: [{ name: 'Movies and audio', extensions: ['mp4', 'mkv', 'mov', 'webm', 'avi', 'm4v', 'mp3', 'wav', 'flac', 'ogg', 'm4a'] }],
    });
    return r.canceled ? null : r.filePaths[0];
  });
  void win.loadURL(APP_INDEX_URL);

  app.on('window-all-closed', () => {
    stopIpc();
    s.close();
    app.quit();
  });
});
