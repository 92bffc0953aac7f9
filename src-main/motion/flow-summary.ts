/**
 * What one dense flow field (frame i−1 → i) contributes to a motion descriptor: the camera motion
 * (a robust translation plus a least-squares zoom and rotation), and the magnitude-weighted
 * orientation histograms of the flow and of what is left once the camera motion is removed.
 *
 * Units are independent of the analysis frame size and rate: positions in % of the picture width
 * from its centre, velocities in % of the picture width per second, x to the right and y upwards
 * (as the viewer sees it, not as image rows run). Zoom and rotation rates are per second.
 */
import { quantileInPlace } from './quantile.js';

export const ORIENTATION_BINS = 8;
/** A pixel "moves on its own" when its residual speed exceeds this (% of width per second). */
export const MOVING_THRESHOLD = 5;

export interface FlowSummary {
  /** Mean over pixels of the speed falling in each direction bin (bin k centred on k·45°, 0° = right, 90° = up). */
  orientation: Float64Array;
  /** The same for the residual (object) motion, camera motion removed. */
  residualOrientation: Float64Array;
  /** Sum and sum of squares of per-pixel speeds, and the pixel count (to pool a window's spread). */
  speedSum: number;
  speedSquares: number;
  pixels: number;
  speedMedian: number;
  speedP90: number;
  /** Fraction of pixels whose residual speed exceeds MOVING_THRESHOLD. */
  movingFraction: number;
  /** Camera motion: picture translation (median flow), zoom rate (>0: expanding) and rotation rate (>0: anticlockwise). */
  tx: number;
  ty: number;
  zoom: number;
  rotation: number;
}

export interface FlowGeometry {
  width: number;
  height: number;
  /** Frames per second of the grey frames the flow was computed between. */
  fps: number;
}

/** Scratch arrays reused across frame pairs, sized for one geometry. */
export class FlowScratch {
  readonly u: Float32Array;
  readonly v: Float32Array;
  readonly sorted: Float32Array;
  constructor(pixels: number) {
    this.u = new Float32Array(pixels);
    this.v = new Float32Array(pixels);
    this.sorted = new Float32Array(pixels);
  }
}

const TAN_22_5 = Math.SQRT2 - 1;

/**
 * Direction bin of a velocity (viewer axes): hard bins centred on multiples of 45°, so axis-aligned
 * motion lands in one bin. Decided by comparisons, not atan2: it runs for every pixel of every pair.
 */
export function orientationBin(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ay <= ax * TAN_22_5) return x >= 0 ? 0 : 4;
  if (ax <= ay * TAN_22_5) return y >= 0 ? 2 : 6;
  return x >= 0 ? (y >= 0 ? 1 : 7) : y >= 0 ? 3 : 5;
}

/**
 * Summarises an interleaved (dx, dy) flow in pixels per frame, image axes (y down), as OpenCV's
 * Farneback returns it.
 */
export function summarizeFlow(flow: Float32Array, g: FlowGeometry, scratch = new FlowScratch(g.width * g.height)): FlowSummary {
  const { width, height, fps } = g;
  const n = width * height;
  if (flow.length < 2 * n) throw new Error(`flow has ${flow.length / 2} vectors, expected ${n}`);
  const toVelocity = (100 * fps) / width;
  const toPosition = 100 / width;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const { u, v, sorted } = scratch;
  for (let i = 0; i < n; i++) {
    u[i] = flow[2 * i] * toVelocity;
    v[i] = -flow[2 * i + 1] * toVelocity;
  }

  // Camera translation: the median is what most of the picture does, whatever a few objects do.
  sorted.set(u.subarray(0, n));
  const tx = quantileInPlace(sorted, n, 0.5);
  sorted.set(v.subarray(0, n));
  const ty = quantileInPlace(sorted, n, 0.5);

  // Zoom and rotation about the centre: least squares of (u − tx, v − ty) = a·(X, Y) + b·(−Y, X).
  let num = 0;
  let rot = 0;
  let den = 0;
  for (let y = 0, i = 0; y < height; y++) {
    const Y = (cy - y) * toPosition;
    for (let x = 0; x < width; x++, i++) {
      const X = (x - cx) * toPosition;
      const ru = u[i] - tx;
      const rv = v[i] - ty;
      num += X * ru + Y * rv;
      rot += X * rv - Y * ru;
      den += X * X + Y * Y;
    }
  }
  const zoom = den > 0 ? num / den : 0;
  const rotation = den > 0 ? rot / den : 0;

  const orientation = new Float64Array(ORIENTATION_BINS);
  const residualOrientation = new Float64Array(ORIENTATION_BINS);
  let speedSum = 0;
  let speedSquares = 0;
  let moving = 0;
  for (let y = 0, i = 0; y < height; y++) {
    const Y = (cy - y) * toPosition;
    for (let x = 0; x < width; x++, i++) {
      const X = (x - cx) * toPosition;
      const speed = Math.sqrt(u[i] * u[i] + v[i] * v[i]);
      sorted[i] = speed;
      speedSum += speed;
      speedSquares += speed * speed;
      if (speed > 0) orientation[orientationBin(u[i], v[i])] += speed;
      const ru = u[i] - tx - zoom * X + rotation * Y;
      const rv = v[i] - ty - rotation * X - zoom * Y;
      const residual = Math.sqrt(ru * ru + rv * rv);
      if (residual > 0) residualOrientation[orientationBin(ru, rv)] += residual;
      if (residual > MOVING_THRESHOLD) moving++;
    }
  }
  for (let k = 0; k < ORIENTATION_BINS; k++) {
    orientation[k] /= n;
    residualOrientation[k] /= n;
  }
  const speedP90 = quantileInPlace(sorted, n, 0.9);
  const speedMedian = quantileInPlace(sorted, n, 0.5);
  return {
    orientation,
    residualOrientation,
    speedSum,
    speedSquares,
    pixels: n,
    speedMedian,
    speedP90,
    movingFraction: moving / n,
    tx,
    ty,
    zoom,
    rotation,
  };
}
