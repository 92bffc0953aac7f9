/**
 * The thin Electron shell: window, lifecycle, the vs-app: and vs-media: protocols, IPC wiring and the
 * app-wide guards. The decisions live in shell-policy.ts and app-protocol.ts; everything else is the
 * plain-Node core, shared with browser mode.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type WebContents } from 'electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultProjectPath, RENDERER_DIR } from '../app/session.js';
import { Workspace } from '../app/workspace.js';
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

const windowTitle = (path: string) => `Valence Studio — ${path}`;
const MOVIE_FILTERS = [{ name: 'Movies and audio', extensions: ['mp4', 'mkv', 'mov', 'webm', 'avi', 'm4v', 'mp3', 'wav', 'flac', 'ogg', 'm4a'] }];
const PROJECT_FILTERS = [{ name: 'Valence Studio projects', extensions: ['vsproj'] }];

app.whenReady().then(() => {
  const workspace = new Workspace(projectPath, { label: 'the Valence Studio app' });
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
      return fileResponse(workspace.mediaFile(id), request.headers.get('range'));
    } catch (err) {
      return new Response(toErrorPayload(err).message, { status: 404 });
    }
  });

  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: windowTitle(workspace.session.project.path),
    webPreferences: {
      preload: join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  const stopIpc = serveIpc(ipcMain, workspace, () => win?.webContents ?? null, isAppMainFrame);
  const stopTitle = workspace.on('project.switched', ({ path }) => win?.setTitle(windowTitle(path)));
  ipcMain.handle('valence:open-movie-dialog', async (event) => {
    if (!isAppMainFrame(event)) throw new Error(IPC_REFUSED);
    const r = await dialog.showOpenDialog(win!, { properties: ['openFile', 'multiSelections'], filters: MOVIE_FILTERS });
    return r.canceled ? [] : r.filePaths;
  });
  // The renderer hands the chosen path to project.open or project.create, which do every check.
  ipcMain.handle('valence:project-dialog', async (event, mode: unknown) => {
    if (!isAppMainFrame(event)) throw new Error(IPC_REFUSED);
    const current = workspace.session.project.path;
    if (mode === 'new') {
      const r = await dialog.showSaveDialog(win!, { title: 'New project', buttonLabel: 'Create', defaultPath: dirname(current), filters: PROJECT_FILTERS });
      return r.canceled || !r.filePath ? null : r.filePath;
    }
    const r = await dialog.showOpenDialog(win!, { title: 'Open project', defaultPath: dirname(current), properties: ['openFile'], filters: PROJECT_FILTERS });
    return r.canceled ? null : r.filePaths[0];
  });
  void win.loadURL(APP_INDEX_URL);

  app.on('window-all-closed', () => {
    stopIpc();
    stopTitle();
    workspace.close();
    app.quit();
  });
});
