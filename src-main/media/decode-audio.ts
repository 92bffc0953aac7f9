/**
 * Decodes the soundtrack of any file ffmpeg reads to mono float32 PCM at a chosen rate, streamed in
 * chunks so a 2-hour film is never held whole unless the caller asks for it.
 */
import { badMedia } from '../contract/errors.js';
import { concatFloat32 } from '../util/float32.js';
import { runFfmpeg } from './ffmpeg-process.js';
import { ANALYSIS_SAMPLE_RATE } from './audio-rate.js';

export interface DecodeOptions {
  sampleRate?: number;
  /** Samples per chunk handed to onChunk (the last one may be shorter). */
  chunkSamples?: number;
  signal?: AbortSignal;
  /** Seconds into the file to start from (resuming an interrupted analysis). */
  start?: number;
}

/**
 * ffmpeg output options for mono float32 PCM at `sampleRate` from `start` seconds on. The soundtrack
 * is decoded from its beginning and trimmed rather than sought: a compressed soundtrack decoded from
 * a seek comes out slightly different (AAC: by 0.04 in its first 0.1 s, 2e-5 after), enough to move
 * jitter and shimmer, and a resumed analysis must store what an uninterrupted one does. Decoding
 * sound alone runs hundreds of times faster than real time, so the lead-in costs seconds.
 */
export function pcmOutputArgs(sampleRate: number, start: number): string[] {
  const trim = start > 0 ? `,atrim=start_sample=${Math.round(start * sampleRate)},asetpts=PTS-STARTPTS` : '';
  return ['-ac', '1', '-ar', String(sampleRate), '-af', `aresample=resampler=soxr${trim}`, '-f', 'f32le', '-acodec', 'pcm_f32le'];
}

/** Streams mono float32 chunks; resolves with the total sample count when ffmpeg finishes cleanly. */
export function decodeAudioChunks(
  path: string,
  onChunk: (chunk: Float32Array) => void | Promise<void>,
  { sampleRate = ANALYSIS_SAMPLE_RATE, chunkSamples = ANALYSIS_SAMPLE_RATE * 10, signal, start = 0 }: DecodeOptions = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = ['-nostdin', '-v', 'error', '-i', path, '-vn', '-sn', '-dn', ...pcmOutputArgs(sampleRate, start), 'pipe:1'];
    const chunkBytes = chunkSamples * 4;
    let pending: Buffer = Buffer.alloc(0);
    let total = 0;
    let chain: Promise<void> = Promise.resolve();
    const emit = (bytes: Buffer) => {
      // Copy into an aligned buffer: Float32Array views need 4-byte alignment.
      const samples = new Float32Array(bytes.length / 4);
      new Uint8Array(samples.buffer).set(bytes);
      total += samples.length;
      chain = chain.then(() => onChunk(samples)).catch(run.fail);
    };
    const run = runFfmpeg(args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
      reject,
      exitError: (stderr, code) => badMedia(`ffmpeg could not decode the audio of ${path}: ${firstLine(stderr) || `exit code ${code}`}`),
      onExit: () => {
        const whole = pending.length - (pending.length % 4);
        if (whole > 0) emit(pending.subarray(0, whole));
        chain.then(() => {
          if (!run.failed) resolve(total);
        });
      },
    });
    const stdout = run.proc.stdout!;
    stdout.on('data', (data: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, data]) : data;
      let emitted = false;
      while (pending.length >= chunkBytes) {
        emit(pending.subarray(0, chunkBytes));
        pending = pending.subarray(chunkBytes);
        emitted = true;
      }
      if (emitted) {
        // Back-pressure: stop reading until the consumer has taken what it was given.
        stdout.pause();
        void chain.then(() => stdout.resume());
      }
    });
  });
}

/** Whole soundtrack in one array: for clips and tests, not for films. */
export async function decodeAudio(path: string, options: DecodeOptions = {}): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  await decodeAudioChunks(path, (c) => void parts.push(c), options);
  return concatFloat32(parts);
}

export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}
