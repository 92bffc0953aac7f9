/**
 * Where ffmpeg and ffprobe live: the binaries shipped inside npm packages first (they work offline and
 * in the packaged app), then whatever `ffmpeg`/`ffprobe` is on PATH.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);

function packaged(pkg: string): string | null {
  try {
    const p = (require(pkg) as { path: string }).path;
    // In a packaged Electron app the binary sits outside the asar archive.
    const unpacked = p.replace('app.asar', 'app.asar.unpacked');
    if (existsSync(unpacked)) return unpacked;
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

let cached: { ffmpeg: string; ffprobe: string } | null = null;

export function ffmpegBinaries(): { ffmpeg: string; ffprobe: string } {
  cached ??= {
    ffmpeg: process.env.VALENCE_FFMPEG ?? packaged('@ffmpeg-installer/ffmpeg') ?? 'ffmpeg',
    ffprobe: process.env.VALENCE_FFPROBE ?? packaged('@ffprobe-installer/ffprobe') ?? 'ffprobe',
  };
  return cached;
}
