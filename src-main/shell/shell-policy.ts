/**
 * What the Electron shell trusts: only pages of the app's own origin, in a window's main frame. Pure
 * and electron-free (events are typed by the fields read), so the decisions are tested in plain Node.
 */

/** The app page is served from this privileged scheme, not file://, so it has an origin of its own. */
export const APP_SCHEME = 'vs-app';
const APP_HOST = 'valence';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Node's URL gives custom schemes the opaque origin 'null', so the origin is compared part by part;
 * credentials or a port make it another origin.
 */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** For will-navigate and will-redirect: a page may move within the app, never to another origin. */
export function keepInApp(event: { url: string; preventDefault(): void }): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/** The fields of Electron's IpcMainInvokeEvent this reads. */
export interface IpcEventLike {
  senderFrame?: { url: string; parent: unknown } | null;
}

/**
 * A frame without a parent is a main frame, so neither an iframe nor a page navigated elsewhere can
 * reach the API. senderFrame is null when the frame has gone or navigated away: refused too.
 */
export function isAppMainFrame(event: IpcEventLike): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/**
 * Permissions a page may get: only fullscreen (the video player's button), and only for the app's
 * own main frame. Everything else (camera, notifications, clipboard, openExternal, ...) is refused.
 */
export function permissionAllowed(permission: string, requestingUrl: string, isMainFrame: boolean): boolean {
  return permission === 'fullscreen' && isMainFrame && isAppUrl(requestingUrl);
}
