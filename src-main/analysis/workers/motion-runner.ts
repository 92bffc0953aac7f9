/**
 * The motion stage (Farneback flow on small grey frames, the heaviest stage of the picture path) on
 * the main thread or on a worker of its own. Its input is small, 128×72 bytes a frame, so handing
 * frames to a worker costs a copy of about 2 MB per 10 s chunk; its rows are stored by the caller.
 */
import { createMotionStage, type MotionStageOptions } from '../../motion/motion-stage.js';
import { ChunkWorker } from './chunk-worker.js';
import type { CpuMeter } from './stage-cpu.js';
import { WORKER_QUEUE_CHUNKS, type StageRunner } from './stage-runner.js';

/** What the worker needs to build the stage (everything but the callback). */
export type MotionInit = Omit<MotionStageOptions, 'onRows'>;
export interface MotionRows {
  first: number;
  rows: Float32Array;
  count: number;
}

export interface MotionRunnerOptions extends MotionStageOptions {
  worker: boolean;
  cpu: CpuMeter;
  signal?: AbortSignal;
}

export async function openMotionRunner({ worker, cpu, onRows, signal, ...init }: MotionRunnerOptions): Promise<StageRunner<Uint8Array>> {
  if (!worker) {
    const stage = await createMotionStage({ ...init, onRows });
    return {
      push: async (frames, count) => cpu.time('motion', () => stage.push(frames, count)),
      finish: async () => void stage.finish(),
      abandon: async () => void stage.finish(),
    };
  }
  const frameBytes = init.width * init.height;
  const remote = new ChunkWorker<Uint8Array, MotionRows>('motion-worker', init satisfies MotionInit, {
    label: 'motion worker',
    maxQueued: WORKER_QUEUE_CHUNKS,
    signal,
    onOutput: ({ first, rows, count }) => cpu.time('motion', () => onRows(first, rows, count)),
  });
  return {
    push: (frames, count) => {
      // The decode's chunk is its own to reuse: the worker gets a copy it owns.
      const copy = frames.slice(0, count * frameBytes);
      return remote.push(copy, count, [copy.buffer]);
    },
    finish: async () => cpu.addWorker('motion', await remote.finish()),
    abandon: () => remote.abandon(),
  };
}
