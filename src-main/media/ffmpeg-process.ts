/**
 * The child-process plumbing every streaming ffmpeg decode shares. The first failure wins: it kills
 * ffmpeg and rejects once, so what follows it (the 'close' of the killed process, a consumer error
 * after an abort) is ignored.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { ffmpegBinaries } from './ffmpeg-binaries.js';

export interface FfmpegRunOptions {
  /** Must pipe stderr (fd 2): its first lines explain a failed decode. */
  stdio: StdioOptions;
  signal?: AbortSignal;
  /** The decode's promise rejection; called at most once. */
  reject: (err: Error) => void;
  /** The error for a non-zero exit, given what ffmpeg wrote to stderr. */
  exitError: (stderr: string, code: number | null) => Error;
  /** ffmpeg exited cleanly and nothing failed before. */
  onExit: (stderr: string) => void;
}

export interface FfmpegRun {
  proc: ChildProcess;
  /** Kills ffmpeg and rejects with `err` unless something failed already. */
  fail(err: unknown): void;
  readonly failed: boolean;
}

export const cancelledError = (): Error => Object.assign(new Error('cancelled'), { name: 'AbortError' });

export function runFfmpeg(args: string[], { stdio, signal, reject, exitError, onExit }: FfmpegRunOptions): FfmpegRun {
  const proc = spawn(ffmpegBinaries().ffmpeg, args, { stdio });
  let stderr = '';
  let failed = false;
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    proc.kill('SIGKILL');
    reject(err instanceof Error ? err : new Error(String(err)));
  };
  const onAbort = () => fail(cancelledError());
  signal?.addEventListener('abort', onAbort, { once: true });
  proc.stderr!.on('data', (d: Buffer) => {
    // The first lines are all an error message uses; a chatty ffmpeg must not grow this without end.
    if (stderr.length < 4000) stderr += d.toString();
  });
  proc.on('error', (err) => fail(new Error(`could not run ffmpeg (${err.message})`)));
  proc.on('close', (code) => {
    signal?.removeEventListener('abort', onAbort);
    if (failed) return;
    if (code !== 0) fail(exitError(stderr, code));
    else onExit(stderr);
  });
  return {
    proc,
    fail,
    get failed() {
      return failed;
    },
  };
}
