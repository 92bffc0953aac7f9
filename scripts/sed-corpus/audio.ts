// ffmpeg helpers: decode anything to 16 kHz mono float PCM, encode PCM to FLAC.
// Decoding once to PCM lets us run the silence / length / F0 checks in-process
// and then encode exactly the samples we checked.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const SR = 16000;

/** The project's bundled ffmpeg if installed, else one on PATH. */
export function findFfmpeg(): string {
  try {
    const req = createRequire(import.meta.url);
    const p = (req('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    if (p && existsSync(p)) return p;
  } catch {
    /* not installed: fall through */
  }
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return 'ffmpeg';
  } catch {
    throw new Error('no ffmpeg: run `npm ci` in the repo or `apt-get install -y ffmpeg`');
  }
}

function run(bin: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out));
      else reject(new Error(`ffmpeg exited ${code}: ${err.slice(-400)}`));
    });
    child.stdin.on('error', () => { /* ffmpeg may close stdin early; the exit code tells */ });
    if (input) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** First `maxSeconds` of `src` as 16 kHz mono float32 samples. */
export async function decode(ffmpeg: string, src: string, maxSeconds: number): Promise<Float32Array> {
  const buf = await run(ffmpeg, ['-v', 'error', '-nostdin', '-i', src, '-t', String(maxSeconds),
    '-map', '0:a:0', '-ac', '1', '-ar', String(SR), '-f', 'f32le', 'pipe:1']);
  const copy = new Uint8Array(buf.byteLength - (buf.byteLength % 4));
  copy.set(buf.subarray(0, copy.byteLength));
  return new Float32Array(copy.buffer);
}

/** Encodes 16 kHz mono float samples to 16-bit FLAC. */
export async function encodeFlac(ffmpeg: string, samples: Float32Array, dest: string): Promise<void> {
  const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  await run(ffmpeg, ['-v', 'error', '-f', 'f32le', '-ar', String(SR), '-ac', '1', '-i', 'pipe:0',
    '-c:a', 'flac', '-sample_fmt', 's16', '-y', dest], bytes);
}

/** Peak absolute amplitude. */
export function peak(samples: Float32Array): number {
  let m = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i]);
    if (a > m) m = a;
  }
  return m;
}

/** Digital silence: nothing above one 16-bit LSB after resampling. */
export function isSilent(samples: Float32Array): boolean {
  return peak(samples) < 1.5 / 32768;
}
