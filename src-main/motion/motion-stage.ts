/**
 * The motion stage: grey frames at 25 fps in, one motion descriptor per 40 ms frame out. Row j
 * pools the ten flows between frames j … j+10, the 400 ms span the audio descriptor of row j covers
 * (the paper's stack of 10 flows), so rows exist only for whole windows, as for audio.
 */
import { FarnebackFlow } from './farneback.js';
import { FlowScratch, summarizeFlow } from './flow-summary.js';
import { histogramDistance, lumaHistogram, meanAbsoluteDifference } from './frame-change.js';
import { MOTION_DIMS, motionDescriptor, type PairSummary } from './motion-descriptor.js';
import { MOTION_DEFAULTS, MOTION_FPS, MOTION_WINDOW_PAIRS, type MotionSettings } from './motion-settings.js';

export interface MotionStageOptions {
  /** Size of the grey frames pushed (see motionFrameSize). */
  width: number;
  height: number;
  settings?: MotionSettings;
  /** 25 Hz index of the first frame pushed (decoding may start mid-film when resuming). */
  startFrame?: number;
  /** Rows completed by a push: `rows` holds count × MOTION_DIMS values, the first for frame `first`. */
  onRows(first: number, rows: Float32Array, count: number): void;
}

export interface MotionStage {
  /** `count` grey frames back to back, in film order. */
  push(frames: Uint8Array, count: number): void;
  /** Rows produced in all (0 for less than 400 ms of picture). */
  finish(): number;
}

export async function createMotionStage({ width, height, settings = MOTION_DEFAULTS, startFrame = 0, onRows }: MotionStageOptions): Promise<MotionStage> {
  const flow = new FarnebackFlow(width, height, settings.farneback);
  const geometry = { width, height, fps: MOTION_FPS };
  const scratch = new FlowScratch(width * height);
  const frameBytes = width * height;
  const window: PairSummary[] = [];
  // The frame's bytes belong to the caller's chunk: the previous frame is kept in a buffer of our own.
  const previousFrame = new Uint8Array(frameBytes);
  let previousHistogram: Float64Array | null = null;
  let rows = 0;
  let finished = false;

  return {
    push(data, count) {
      if (finished) throw new Error('motion stage already finished');
      if (data.length < count * frameBytes) throw new Error(`${count} grey frames need ${count * frameBytes} bytes, got ${data.length}`);
      const out = new Float32Array(count * MOTION_DIMS);
      let made = 0;
      const first = startFrame + rows;
      for (let f = 0; f < count; f++) {
        const frame = data.subarray(f * frameBytes, (f + 1) * frameBytes);
        const histogram = lumaHistogram(frame);
        if (!previousHistogram) {
          flow.reset(frame);
        } else {
          window.push({
            flow: summarizeFlow(flow.step(frame), geometry, scratch),
            histogramChange: histogramDistance(previousHistogram, histogram),
            pixelChange: meanAbsoluteDifference(previousFrame, frame),
          });
          if (window.length > MOTION_WINDOW_PAIRS) window.shift();
          if (window.length === MOTION_WINDOW_PAIRS) motionDescriptor(window, out.subarray(made * MOTION_DIMS, ++made * MOTION_DIMS));
        }
        previousFrame.set(frame);
        previousHistogram = histogram;
      }
      rows += made;
      if (made > 0) onRows(first, out.subarray(0, made * MOTION_DIMS), made);
    },
    finish() {
      finished = true;
      return rows;
    },
  };
}
