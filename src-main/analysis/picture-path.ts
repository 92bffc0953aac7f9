/**
 * Runs the visual and motion stages over a whole film from one decode and stores both descriptor
 * sets chunk by chunk, resuming after the last stored chunk. It is the reference wiring of the two
 * stages (the analyze job adds the soundtrack to the same decode) and what tests and the benchmark
 * drive. With two threads or more the motion stage runs on a worker; its rows are stored here.
 */
import { VALENCE_RATE_HZ } from '../contract/domain.js';
import { badMedia } from '../contract/errors.js';
import { DescriptorSink } from './descriptor-sink.js';
import { decodeVideo, type PictureStream } from '../media/decode-video.js';
import type { Project } from '../store/project.js';
import type { DescriptorSetInfo } from '../store/repos/descriptors.js';
import { MOTION_DEFAULTS, MOTION_FPS, motionDescriptorSpec, motionFrameSize, type MotionSettings } from '../motion/motion-settings.js';
import type { Backbone } from '../visual/backbone.js';
import { createVisualStage } from '../visual/visual-stage.js';
import { VISUAL_DEFAULTS, visualDescriptorSpec, type VisualSettings } from '../visual/visual-settings.js';
import { openMotionRunner } from './workers/motion-runner.js';
import { UNMEASURED, type CpuMeter } from './workers/stage-cpu.js';
import { defaultThreads, onWorker } from './workers/stage-runner.js';

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface PictureAnalysisOptions {
  backbone: Backbone;
  visual?: VisualSettings;
  motion?: MotionSettings;
  /** Threads in all; with 2 or more the motion stage runs on a worker (default: one per core). */
  threads?: number;
  cpu?: CpuMeter;
  signal?: AbortSignal;
  /** Fraction of the film's picture done (0 … 1). */
  onProgress?(fraction: number): void;
}

export interface PictureAnalysis {
  visual: DescriptorSetInfo;
  motion: DescriptorSetInfo;
}

export type PictureStage = keyof PictureAnalysis;

/** The picture stages of one film, ready to be fed from a decode that starts at any frame. */
export interface PicturePath {
  /** First 25 Hz frame a stage still needs; null when both sets are complete. */
  firstNeeded: number | null;
  sets: PictureAnalysis;
  /** The picture streams to decode, for a decode whose frame 0 is film frame `startFrame`. */
  begin(startFrame: number): Promise<PictureRun>;
}

export interface PictureRun {
  pictures: PictureStream[];
  /**
   * After a complete decode: flush the stages and complete the sets. Each stage completes or fails
   * on its own (a film too short for a motion window still gets its visual rows; a motion worker
   * that fails leaves the visual set whole): `failed` says why, per stage.
   */
  finish(): Promise<PictureAnalysis & { failed: Partial<Record<PictureStage, string>> }>;
  /** After a failed or cancelled decode: stop the stages; complete chunks stay stored, nothing is marked complete. */
  abandon(): Promise<void>;
}

export function openPicturePath(project: Project, movieId: number, options: PictureAnalysisOptions): PicturePath {
  const { backbone, visual = VISUAL_DEFAULTS, motion = MOTION_DEFAULTS, threads = defaultThreads(), cpu = UNMEASURED, signal, onProgress } = options;
  const movie = project.movies.get(movieId);
  if (!movie.video) throw badMedia(`${movie.title} has no video track; visual and motion descriptors need a picture`);
  const video = movie.video;
  const repo = project.descriptors;
  const sets = {
    visual: repo.open(visualDescriptorSpec(movie.id, movie.contentHash, backbone, visual)),
    motion: repo.open(motionDescriptorSpec(movie.id, movie.contentHash, motion)),
  };
  const total = Math.ceil(movie.duration * VALENCE_RATE_HZ);
  const visualSink = sets.visual.complete ? null : new DescriptorSink(repo, sets.visual);
  const motionSink = sets.motion.complete ? null : new DescriptorSink(repo, sets.motion);
  const firstNeeded = visualSink || motionSink ? Math.min(visualSink?.storedFrames ?? Infinity, motionSink?.storedFrames ?? Infinity) : null;
  // The last visual frame stands for 1/rate s, which can run past the film's end: those rows are dropped.
  const store = (sink: DescriptorSink, dims: number) => (first: number, rows: Float32Array, count: number) => {
    for (let i = 0; i < count && first + i < total; i++) sink.write(first + i, rows.subarray(i * dims, (i + 1) * dims));
  };

  const begin = async (startFrame: number): Promise<PictureRun> => {
    // Progress is the film frame the slower running stage has reached.
    const reached: Partial<Record<PictureStage, number>> = {};
    const advance = (stage: PictureStage, frame: number) => {
      reached[stage] = frame;
      onProgress?.(Math.min(1, Math.min(...Object.values(reached)) / total));
    };
    const pictures: PictureStream[] = [];
    const visualStage = visualSink && createVisualStage({ backbone, settings: visual, startFrame, onRows: store(visualSink, backbone.dims) });
    if (visualStage) {
      reached.visual = startFrame;
      const size = backbone.inputSize;
      // About 10 s of picture per chunk, at least one frame.
      const chunkFrames = Math.max(1, Math.round(10 * visual.rate));
      pictures.push({
        width: size, height: size, format: 'rgb24', fps: visual.rate, chunkFrames,
        onFrames: async (f, n, first) => {
          await cpu.timeAsync('visual', () => visualStage.push(f, n));
          advance('visual', startFrame + ((first + n) * VALENCE_RATE_HZ) / visual.rate);
        },
      });
    }
    const grey = motionFrameSize(video.width, video.height, motion.width);
    const storeMotion = motionSink && store(motionSink, sets.motion.dims);
    const motionStage = storeMotion && (await openMotionRunner({
      ...grey, settings: motion, startFrame, worker: onWorker('motion', threads), cpu, signal,
      onRows: (first, rows, count) => {
        storeMotion(first, rows, count);
        advance('motion', first + count);
      },
    }));
    // A failing motion stage fails alone: the decode goes on for the others.
    let motionFailure: string | null = null;
    if (motionStage) {
      reached.motion = startFrame;
      pictures.push({
        ...grey, format: 'gray', fps: MOTION_FPS, chunkFrames: 10 * MOTION_FPS,
        onFrames: async (f, n) => {
          if (motionFailure !== null) return;
          try {
            await motionStage.push(f, n);
          } catch (err) {
            if (signal?.aborted) throw err;
            motionFailure = reason(err);
            delete reached.motion;
            await motionStage.abandon();
          }
        },
      });
    }
    const abandon = async () => {
      await motionStage?.abandon();
    };
    const finish = async () => {
      if (motionStage && motionFailure === null) {
        try {
          await motionStage.finish();
        } catch (err) {
          // Cancelled while the worker was finishing: the run stops here, as a cancelled decode does.
          if (signal?.aborted) throw err;
          motionFailure = reason(err);
        }
      }
      visualStage?.finish();
      const failed: Partial<Record<PictureStage, string>> = {};
      if (visualSink && !finishSink(visualSink, total)) failed.visual = `no picture could be decoded, so it has no visual descriptors`;
      if (motionFailure !== null) failed.motion = motionFailure;
      else if (motionSink && !finishSink(motionSink, total)) failed.motion = `its picture is shorter than one 400 ms motion window, so it has no motion descriptors`;
      onProgress?.(1);
      return { visual: repo.get(sets.visual.id), motion: repo.get(sets.motion.id), failed };
    };
    return { pictures, finish, abandon };
  };
  return { firstNeeded, sets, begin };
}

export async function analyzePicture(project: Project, movieId: number, options: PictureAnalysisOptions): Promise<PictureAnalysis> {
  const path = openPicturePath(project, movieId, options);
  if (path.firstNeeded === null) return path.sets;
  const movie = project.movies.get(movieId);
  const run = await path.begin(path.firstNeeded);
  const start = path.firstNeeded / VALENCE_RATE_HZ;
  try {
    await decodeVideo(movie.path, { pictures: run.pictures, start, expectSeconds: movie.duration - start, signal: options.signal });
  } catch (err) {
    await run.abandon();
    throw err;
  }
  const { failed, ...sets } = await run.finish();
  const failures = Object.values(failed);
  if (failures.length > 0) throw badMedia(`${movie.title}: ${failures.join('; ')}`);
  return sets;
}

/** Stores the held tail and marks the set complete; false when the stage produced no row at all. */
function finishSink(sink: DescriptorSink, total: number): boolean {
  try {
    sink.finish(total);
    return true;
  } catch {
    return false;
  }
}
