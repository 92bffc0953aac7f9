/** Test media made on the spot with the bundled ffmpeg, so tests need nothing but the repo. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';

export function tempDir(prefix = 'vs-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function ffmpeg(args: string[]): void {
  execFileSync(ffmpegBinaries().ffmpeg, ['-nostdin', '-v', 'error', '-y', ...args]);
}

/** A clip with picture (test pattern) and sound (a 440 Hz tone), H.264/AAC, moov atom first. */
export function makeClip(dir: string, { seconds = 3, name = 'clip.mp4', audio = true, video = true, moovFirst = true } = {}): string {
  const out = join(dir, name);
  const inputs = [
    ...(video ? ['-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25:duration=${seconds}`] : []),
    ...(audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`] : []),
  ];
  const codecs = [...(video ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast'] : []), ...(audio ? ['-c:a', 'aac'] : [])];
  ffmpeg([...inputs, ...codecs, ...(moovFirst ? ['-movflags', '+faststart'] : []), '-shortest', out]);
  return out;
}

export function makeWav(dir: string, seconds = 2, name = 'tone.wav'): string {
  const out = join(dir, name);
  ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=220:sample_rate=16000:duration=${seconds}`, out]);
  return out;
}

/** The first `fraction` of a file's bytes: a download cut short. */
export function truncateCopy(src: string, dest: string, fraction: number): string {
  const bytes = readFileSync(src);
  writeFileSync(dest, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return dest;
}

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared');
