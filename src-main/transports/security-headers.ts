/**
 * Headers for the app's own files in both modes (browser mode's HTTP server, Electron's vs-app:
 * protocol). The CSP repeats the page's <meta> policy (src-renderer/index.html) so it also covers
 * documents the <meta> is not in, and adds what a <meta> cannot say: frame-ancestors, so no other page
 * can frame the app and trick clicks out of it.
 */

/** What differs by mode: where media streams from and where the API is reached. */
export interface ModeSources {
  media: string;
  connect: string;
}

export function securityHeaders({ media, connect }: ModeSources): Record<string, string> {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    // wavesurfer.js and video.js set inline styles; see src-renderer/index.html.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `media-src ${media}`,
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    // Other origins cannot even embed the app's scripts or styles without reading them.
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
