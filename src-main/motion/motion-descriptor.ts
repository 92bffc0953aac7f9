/**
 * The motion descriptor of one 400 ms window: the ten frame-pair flows of the paper's flow stack,
 * pooled into direction histograms, speed statistics, camera motion and a shot-cut signal.
 */
import { ORIENTATION_BINS, type FlowSummary } from './flow-summary.js';

/** One frame pair (i−1 → i): its flow summary and how much the picture changed. */
export interface PairSummary {
  flow: FlowSummary;
  /** Luma-histogram distance (0 … 1): spikes at a cut. */
  histogramChange: number;
  /** Mean absolute pixel difference (0 … 1). */
  pixelChange: number;
}

const directions = Array.from({ length: ORIENTATION_BINS }, (_, k) => String((k * 360) / ORIENTATION_BINS).padStart(3, '0'));

/** Column names, in order. Speeds are in % of picture width per second; y points up. */
export const MOTION_NAMES: readonly string[] = [
  // The direction bins sum to the mean speed, so a still shot is all zeros whatever its noise direction.
  ...directions.map((d) => `flow_dir_${d}`),
  ...directions.map((d) => `object_dir_${d}`),
  'speed_std',
  'speed_median',
  'speed_p90',
  'moving_fraction',
  'camera_tx',
  'camera_ty',
  'camera_zoom',
  'camera_rotation',
  'camera_shake',
  'cut_histogram',
  'cut_difference',
];
export const MOTION_DIMS = MOTION_NAMES.length;

export function motionDescriptor(pairs: readonly PairSummary[], out = new Float32Array(MOTION_DIMS)): Float32Array {
  out.fill(0);
  const n = pairs.length;
  if (n === 0) return out;
  let speedSum = 0;
  let speedSquares = 0;
  let pixels = 0;
  let median = 0;
  let p90 = 0;
  let moving = 0;
  let tx = 0;
  let ty = 0;
  let zoom = 0;
  let rotation = 0;
  let cutHistogram = 0;
  let cutDifference = 0;
  for (const { flow, histogramChange, pixelChange } of pairs) {
    for (let k = 0; k < ORIENTATION_BINS; k++) {
      out[k] += flow.orientation[k] / n;
      out[ORIENTATION_BINS + k] += flow.residualOrientation[k] / n;
    }
    speedSum += flow.speedSum;
    speedSquares += flow.speedSquares;
    pixels += flow.pixels;
    median += flow.speedMedian / n;
    p90 += flow.speedP90 / n;
    moving += flow.movingFraction / n;
    tx += flow.tx / n;
    ty += flow.ty / n;
    zoom += flow.zoom / n;
    rotation += flow.rotation / n;
    // A cut anywhere in the window shows: the window's largest change is kept.
    cutHistogram = Math.max(cutHistogram, histogramChange);
    cutDifference = Math.max(cutDifference, pixelChange);
  }
  let shake = 0;
  for (const { flow } of pairs) shake += ((flow.tx - tx) ** 2 + (flow.ty - ty) ** 2) / n;
  const mean = speedSum / pixels;
  let o = 2 * ORIENTATION_BINS;
  out[o++] = Math.sqrt(Math.max(0, speedSquares / pixels - mean * mean));
  out[o++] = median;
  out[o++] = p90;
  out[o++] = moving;
  out[o++] = tx;
  out[o++] = ty;
  out[o++] = zoom;
  out[o++] = rotation;
  out[o++] = Math.sqrt(shake);
  out[o++] = cutHistogram;
  out[o] = cutDifference;
  return out;
}
