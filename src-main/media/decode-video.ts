/**
 * Decodes a film once into several raw streams at the same time: pictures at chosen sizes, pixel
 * formats and rates (e.g. 224×224 RGB at the visual rate and small grey frames at 25 fps for optical
 * flow), and optionally the soundtrack as mono float32 PCM. One ffmpeg process splits its decoded
 * picture with a filter graph and writes each stream to its own pipe (fd 3, 4, …), so a 2-hour film
 * is read and decoded once, and each stream arrives in chunks the consumer paces.
 */
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { badMedia } from '../contract/errors.js';
import { firstLine, pcmOutputArgs } from './decode-audio.js';
import { cancelledError, runFfmpeg } from './ffmpeg-process.js';

export interface PictureStream {
  width: number;
  height: number;
  /** `rgb24`: 3 bytes per pixel, row-major RGB; `gray`: 1 byte per pixel (luma). */
  format: 'rgb24' | 'gray';
  /**
   * Frames per second; ffmpeg's fps filter drops or repeats frames to hit it exactly: frame k shows
   * the picture at k/fps s, for every k/fps before the end of the film.
   */
  fps: number;
  /** Frames per chunk handed to onFrames (the last one may be shorter). */
  chunkFrames: number;
  /** `frames` holds `count` frames back to back; `first` is the index of its first frame in this stream. */
  onFrames(frames: Uint8Array, count: number, first: number): void | Promise<void>;
}

export interface SoundStream {
  sampleRate: number;
  /** Samples per chunk handed to onSamples (the last one may be shorter). */
  chunkSamples: number;
  onSamples(samples: Float32Array): void | Promise<void>;
}

export interface DecodeVideoOptions {
  pictures: PictureStream[];
  sound?: SoundStream;
  /** Seconds into the file to start from (resuming an interrupted analysis); frame 0 is then at `start`. */
  start?: number;
  /**
   * Seconds the picture should last from `start` (the probed duration minus `start`). A picture that
   * falls short is held to it or reported as a decoding failure (after every frame that did decode
   * has been handed over), as `pictureEnding` decides.
   */
  expectSeconds?: number;
  signal?: AbortSignal;
}

export interface DecodeVideoResult {
  /** Frames delivered per picture stream, in the order given (held ones included). */
  frames: number[];
  samples: number;
  /** Seconds after `start` where the picture ended and its last frame began to be held; null when it lasted. */
  heldFrom: number | null;
}

const bytesPerPixel = { rgb24: 3, gray: 1 } as const;

/** ffmpeg arguments: one filter graph feeding every picture stream, each mapped to pipe:3, pipe:4, … */
export function decodeVideoArgs(path: string, pictures: PictureStream[], sound: SoundStream | undefined, start: number): string[] {
  const labels = pictures.map((_, i) => `p${i}`);
  // fps before scale: a 1 fps stream scales one frame a second, not all of them. eof_action=pass
  // keeps the film's last stretch: without it a 0.3 s clip at 1 fps gives no frame at all.
  const branches = pictures.map(
    (p, i) => `[${pictures.length > 1 ? `s${i}` : '0:v:0'}]fps=${p.fps}:eof_action=pass,scale=${p.width}:${p.height}:flags=area,format=${p.format}[${labels[i]}]`,
  );
  const split = pictures.length > 1 ? [`[0:v:0]split=${pictures.length}${pictures.map((_, i) => `[s${i}]`).join('')}`] : [];
  const args = ['-nostdin', '-v', 'error', ...(start > 0 ? ['-ss', start.toFixed(3)] : []), '-i', path];
  if (pictures.length > 0) args.push('-filter_complex', [...split, ...branches].join(';'));
  pictures.forEach((_, i) => args.push('-map', `[${labels[i]}]`, '-vsync', 'passthrough', '-f', 'rawvideo', `pipe:${3 + i}`));
  if (sound) {
    // The picture is sought; the sound comes from a second reading of the file, decoded from its start (see pcmOutputArgs).
    const input = start > 0 ? (args.push('-i', path), 1) : 0;
    args.push('-map', `${input}:a:0`, ...pcmOutputArgs(sound.sampleRate, start), `pipe:${3 + pictures.length}`);
  }
  return args;
}

/** Streams the requested outputs chunk by chunk; callbacks run one at a time, in arrival order. */
export function decodeVideo(path: string, { pictures, sound, start = 0, expectSeconds, signal }: DecodeVideoOptions): Promise<DecodeVideoResult> {
  if (pictures.length === 0 && !sound) return Promise.reject(new Error('decodeVideo needs at least one output'));
  return new Promise((resolve, reject) => {
    const outputs = pictures.length + (sound ? 1 : 0);
    // One chain for every stream: the consumer never sees two callbacks at once.
    let chain: Promise<void> = Promise.resolve();
    const schedule = (work: () => void | Promise<void>) => {
      chain = chain
        .then(() => {
          if (run.failed) return;
          // Chunks still queued when the signal fires are dropped, even after ffmpeg has exited.
          if (signal?.aborted) throw cancelledError();
          return work();
        })
        .catch(run.fail);
      return chain;
    };

    const frameCounts = pictures.map(() => 0);
    const assemblers = pictures.map((p, i) => {
      const frameBytes = p.width * p.height * bytesPerPixel[p.format];
      return new ChunkAssembler(frameBytes, p.chunkFrames, (bytes, count) => {
        const first = frameCounts[i];
        frameCounts[i] += count;
        return schedule(() => p.onFrames(bytes, count, first));
      });
    });
    let samples = 0;
    if (sound) {
      assemblers.push(
        new ChunkAssembler(4, sound.chunkSamples, (bytes, count) => {
          samples += count;
          return schedule(() => sound.onSamples(new Float32Array(bytes.buffer, bytes.byteOffset, count)));
        }),
      );
    }
    const run = runFfmpeg(decodeVideoArgs(path, pictures, sound, start), {
      stdio: ['ignore', 'ignore', 'pipe', ...Array<'pipe'>(outputs).fill('pipe')],
      signal,
      reject,
      exitError: (stderr, code) => badMedia(missingTrack(path, stderr) ?? `ffmpeg could not decode ${path}: ${firstLine(stderr) || `exit code ${code}`}`),
      onExit: (stderr) => {
        assemblers.forEach((a) => a.flush());
        void chain.then(async () => {
          if (run.failed) return;
          if (signal?.aborted) {
            run.fail(cancelledError());
            return;
          }
          const seconds = pictures.length > 0 ? Math.min(...pictures.map((p, i) => frameCounts[i] / p.fps)) : samples / sound!.sampleRate;
          const why = firstLine(stderr);
          const ending = pictureEnding({ seconds, expectSeconds, errors: why !== '', start, soundSeconds: sound ? samples / sound.sampleRate : null, pictures: pictures.length });
          if (ending === 'cut') {
            reject(badMedia(`decoding ${path} stopped at ${(start + seconds).toFixed(1)} s of ${(start + expectSeconds!).toFixed(1)} s${why ? ` (ffmpeg: ${why})` : ''}`));
            return;
          }
          if (ending === 'held') {
            // ffmpeg's fps filter would give a frame at every k/fps before the end: as many are held.
            for (const [i, p] of pictures.entries()) await assemblers[i].repeatLast(Math.ceil(expectSeconds! * p.fps - 1e-6) - frameCounts[i]);
            if (run.failed) return;
          }
          resolve({ frames: frameCounts, samples, heldFrom: ending === 'held' ? seconds : null });
        });
      },
    });
    // An already aborted signal never fires 'abort'.
    if (signal?.aborted) run.fail(cancelledError());
    assemblers.forEach((assembler, i) => {
      const pipe = run.proc.stdio[3 + i] as Readable;
      pipe.on('data', (data: Buffer) => {
        const handedOver = assembler.push(data);
        if (handedOver) {
          // Back-pressure: stop reading this pipe until the consumer has taken what it was given.
          pipe.pause();
          void handedOver.then(() => pipe.resume());
        }
      });
      pipe.on('error', (err) => run.fail(new Error(`ffmpeg output pipe failed (${err.message})`)));
    });
  });
}

export interface DecodeEnd {
  /** Seconds of picture decoded (of sound, when no picture was asked for). */
  seconds: number;
  expectSeconds?: number;
  /** ffmpeg logged errors. */
  errors: boolean;
  start: number;
  /** Seconds of sound decoded; null when none was asked for. */
  soundSeconds: number | null;
  pictures: number;
}

/**
 * How a decode ended: with the whole picture (within a second, 0.2 s when ffmpeg logged errors);
 * with a picture that ended early and cleanly while the sound went on, the soundtrack outlasting it,
 * so its last frame is held to the end as a player shows it; or cut short, when ffmpeg logged
 * errors, the sound stopped early too, or not one frame came from the film's start. A decode from a
 * later start may find the picture over already (held, with no frame: the consumer holds its last).
 */
export function pictureEnding(d: DecodeEnd): 'whole' | 'held' | 'cut' {
  if (d.expectSeconds === undefined || d.seconds >= d.expectSeconds - (d.errors ? 0.2 : 1)) return 'whole';
  const soundShort = d.soundSeconds !== null && d.soundSeconds < d.expectSeconds - 1;
  const nothingToHold = d.seconds === 0 && d.start === 0;
  return d.errors || soundShort || nothingToHold || d.pictures === 0 ? 'cut' : 'held';
}

/** ffmpeg's words for a stream the file lacks ("Stream specifier ':v:0' … matches no streams"), said plainly. */
function missingTrack(path: string, stderr: string): string | null {
  const line = stderr.split('\n').find((l) => l.includes('matches no streams'));
  if (!line) return null;
  return `${basename(path)} has no ${/:v:0|0:v/.test(line) ? 'video' : 'audio'} track`;
}

/**
 * Gathers pipe data into fixed-size chunks of whole items without re-concatenating: each chunk is
 * filled in place and handed over whole, so an 8 MB chunk costs one copy of its bytes.
 */
class ChunkAssembler {
  #buffer: Uint8Array;
  #filled = 0;
  /** The last whole item handed over, for repeatLast. */
  #lastItem: Uint8Array | null = null;
  readonly #itemBytes: number;
  readonly #emit: (bytes: Uint8Array, count: number) => Promise<void>;

  constructor(itemBytes: number, chunkItems: number, emit: (bytes: Uint8Array, count: number) => Promise<void>) {
    this.#itemBytes = itemBytes;
    this.#buffer = new Uint8Array(itemBytes * Math.max(1, chunkItems));
    this.#emit = emit;
  }

  /** Copies `data` in; returns the hand-over of the last completed chunk, if any. */
  push(data: Uint8Array): Promise<void> | null {
    let at = 0;
    let handedOver: Promise<void> | null = null;
    while (at < data.length) {
      const n = Math.min(data.length - at, this.#buffer.length - this.#filled);
      this.#buffer.set(data.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === this.#buffer.length) handedOver = this.#handOver(this.#buffer.length / this.#itemBytes);
    }
    return handedOver;
  }

  /** Hands over the whole items left at the end of the stream (a torn last item is dropped). */
  flush(): void {
    const count = Math.floor(this.#filled / this.#itemBytes);
    if (count > 0) void this.#handOver(count);
    this.#filled = 0;
  }

  /** After `flush`: hands over `count` copies of the last item, a chunk at a time as the consumer takes them. */
  async repeatLast(count: number): Promise<void> {
    if (!this.#lastItem) return;
    for (let left = count; left > 0; ) {
      const n = Math.min(left, this.#buffer.length / this.#itemBytes);
      for (let i = 0; i < n; i++) this.#buffer.set(this.#lastItem, i * this.#itemBytes);
      left -= n;
      await this.#handOver(n);
    }
  }

  #handOver(count: number): Promise<void> {
    const bytes = this.#buffer.subarray(0, count * this.#itemBytes);
    this.#lastItem = bytes.slice((count - 1) * this.#itemBytes);
    const handedOver = this.#emit(bytes, count);
    this.#buffer = new Uint8Array(this.#buffer.length);
    this.#filled = 0;
    return handedOver;
  }
}
