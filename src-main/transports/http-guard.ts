/**
 * Who may talk to the browser-mode server. Loopback is shared by every local page and process, so
 * binding 127.0.0.1 is not enough: a page on another port, or a rebound DNS name, can reach it too.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { securityHeaders } from './security-headers.js';

/** Cookies ignore ports; the port in the name keeps servers on other ports from reading or clobbering ours. */
export const cookieName = (port: number) => `vs_token_${port}`;

export const ownOrigin = (port: number) => `http://127.0.0.1:${port}`;

/**
 * Why a request must be refused, or null. Host must be our own address (a rebound DNS name carries
 * its own name); Origin, when the browser sends one, must be our page (another port is another origin).
 */
export function originRefusal(headers: IncomingHttpHeaders, port: number): string | null {
  if (headers.host !== `127.0.0.1:${port}`) return `Host must be 127.0.0.1:${port}`;
  const origin = headers.origin;
  if (origin !== undefined && origin !== ownOrigin(port)) return `requests from ${origin} are not accepted`;
  return null;
}

/**
 * The launch token: header or query, or the cookie where `cookieAllowed`. Browsers attach the cookie to
 * requests other pages make, so it only opens the renderer's own files, never the API, media or uploads.
 */
export function tokenOf(headers: IncomingHttpHeaders, url: URL, port: number, cookieAllowed: boolean): string | null {
  const header = headers['x-vs-token'];
  if (typeof header === 'string') return header;
  const q = url.searchParams.get('token');
  if (q) return q;
  if (!cookieAllowed) return null;
  const name = cookieName(port);
  const cookie = (headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === name);
  return cookie ? decodeURIComponent(cookie[1] ?? '') : null;
}

export function sameToken(a: string | null, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Sent with every answer, refusals and errors included: media from this server, the socket by address. */
export const browserModeHeaders = (port: number) => securityHeaders({ media: "'self' blob:", connect: `'self' ws://127.0.0.1:${port}` });
