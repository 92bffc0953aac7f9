/**
 * Runs the visual and motion stages over a whole film from one decode and stores both descriptor
 * sets chunk by chunk, resuming after the last stored chunk. It is the reference wiring of the two
 * stages (the analyze job adds the soundtrack to the same decode) and what tests and the benchmark
 * drive.
 */
import { VALENCE_RATE_HZ } from '../contract/domain.js';
import { badMedia } from '../contract/errors.js';
import { DescriptorSink } from './descriptor-sink.js';
import { decodeVideo, type PictureStream } from '../media/decode-video.js';
import type { Project } from '../store/project.js';
import type { DescriptorSetInfo } from '../store/repos/descriptors.js';
import { createMotionStage } from '../motion/motion-stage.js';
import { MOTION_DEFAULTS, MOTION_FPS, motionDescriptorSpec, motionFrameSize, type MotionSettings } from '../motion/motion-settings.js';
import type { Backbone } from '../visual/backbone.js';
import { createVisualStage } from '../visual/visual-stage.js';
import { VISUAL_DEFAULTS, visualDescriptorSpec, type VisualSettings } from '../visual/visual-settings.js';

export interface PictureAnalysisOptions {
  backbone: Backbone;
  visual?: VisualSettings;
  motion?: MotionSettings;
  signal?: AbortSignal;
  /** Fraction of the film's picture done (0 … 1). */
  onProgress?(fraction: number): void;
}

export interface PictureAnalysis {
  visual: DescriptorSetInfo;
  motion: DescriptorSetInfo;
}

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
  /** After a complete decode: flush the stages and complete the sets. */
  finish(): PictureAnalysis;
  /** After a failed or cancelled decode: free the stages; complete chunks stay stored, nothing is marked complete. */
  abandon(): void;
}

export function openPicturePath(project: Project, movieId: number, options: PictureAnalysisOptions): PicturePath {
  const { backbone, visual = VISUAL_DEFAULTS, motion = MOTION_DEFAULTS, onProgress } = options;
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

  const begin = async (startFrame: number) => {
    const pictures: PictureStream[] = [];
    const visualStage = visualSink && createVisualStage({ backbone, settings: visual, startFrame, onRows: store(visualSink, backbone.dims) });
    if (visualStage) {
      const size = backbone.inputSize;
      // About 10 s of picture per chunk, at least one frame.
      const chunkFrames = Math.max(1, Math.round(10 * visual.rate));
      pictures.push({
        width: size, height: size, format: 'rgb24', fps: visual.rate, chunkFrames,
        onFrames: async (f, n, first) => {
          await visualStage.push(f, n);
          // The motion stream reports progress when there is one; a visual-only run reports its own.
          if (!motionSink) onProgress?.(Math.min(1, (startFrame + ((first + n) * VALENCE_RATE_HZ) / visual.rate) / total));
        },
      });
    }
    const grey = motionFrameSize(video.width, video.height, motion.width);
    const motionStage = motionSink && (await createMotionStage({ ...grey, settings: motion, startFrame, onRows: store(motionSink, sets.motion.dims) }));
    if (motionStage) {
      pictures.push({
        ...grey, format: 'gray', fps: MOTION_FPS, chunkFrames: 10 * MOTION_FPS,
        onFrames: (f, n, first) => {
          motionStage.push(f, n);
          onProgress?.(Math.min(1, (startFrame + first + n) / total));
        },
      });
    }
    const abandon = () => motionStage?.finish();
    const finish = (): PictureAnalysis => {
      abandon();
      visualStage?.finish();
      // Each set completes on its own: a film too short for a motion window still gets its visual rows.
      const failures: string[] = [];
      if (visualSink && !finishSink(visualSink, total)) failures.push('no picture could be decoded, so it has no visual descriptors');
      if (motionSink && !finishSink(motionSink, total)) failures.push('its picture is shorter than one 400 ms motion window, so it has no motion descriptors');
      if (failures.length > 0) throw badMedia(`${movie.title}: ${failures.join('; ')}`);
      onProgress?.(1);
      return { visual: repo.get(sets.visual.id), motion: repo.get(sets.motion.id) };
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
    run.abandon();
    throw err;
  }
  return run.finish();
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
