/** The motion stage's settings, their defaults, and the descriptor set they are stored as. */
import { createHash } from 'node:crypto';
import { VALENCE_RATE_HZ } from '../contract/domain.js';
import type { DescriptorSetSpec } from '../contract/descriptor-set.js';
import type { FarnebackParams } from './farneback.js';
import { MOTION_DIMS, MOTION_NAMES } from './motion-descriptor.js';

export const MOTION_KIND = 'motion.flow';
/** Grey frames are decoded at the valence frame rate: one flow per 40 ms frame step. */
export const MOTION_FPS = VALENCE_RATE_HZ;
/** Flows per descriptor row: the paper's stack of 10 (400 ms). */
export const MOTION_WINDOW_PAIRS = 10;
/** Bump when the descriptor's maths changes, so stored sets are recomputed. */
const MOTION_VERSION = 1;

export interface MotionSettings {
  /** Width in pixels of the grey frames flow is computed on; the height follows the picture's aspect ratio. */
  width: number;
  farneback: FarnebackParams;
}

export const MOTION_DEFAULTS: MotionSettings = {
  width: 128,
  farneback: { pyrScale: 0.5, levels: 3, winSize: 15, iterations: 3, polyN: 5, polySigma: 1.2 },
};

/** Grey frame size for a picture of videoWidth × videoHeight: `width` wide, even height, aspect kept. */
export function motionFrameSize(videoWidth: number, videoHeight: number, width = MOTION_DEFAULTS.width): { width: number; height: number } {
  const aspect = videoWidth > 0 && videoHeight > 0 ? videoHeight / videoWidth : 9 / 16;
  return { width, height: Math.max(8, 2 * Math.round((width * aspect) / 2)) };
}

export function motionDescriptorSpec(movieId: number, contentHash: string, settings: MotionSettings = MOTION_DEFAULTS): DescriptorSetSpec {
  const settingsHash = createHash('sha256').update(JSON.stringify({ MOTION_VERSION, settings, contentHash })).digest('hex').slice(0, 16);
  return { movieId, kind: MOTION_KIND, settingsHash, rate: VALENCE_RATE_HZ, dims: MOTION_DIMS, names: [...MOTION_NAMES] };
}
