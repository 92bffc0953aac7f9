/** The visual stage's settings, their defaults, and the descriptor set they are stored as. */
import { createHash } from 'node:crypto';
import { DEFAULT_PROJECT_SETTINGS, VALENCE_RATE_HZ } from '../contract/domain.js';
import type { DescriptorSetSpec } from '../contract/descriptor-set.js';
import type { Backbone } from './backbone.js';
import type { Interpolation } from './row-resampler.js';

/** Bump when preprocessing or pooling changes, so stored sets are recomputed. */
const VISUAL_VERSION = 1;

export interface VisualSettings {
  /** Frames embedded per second of film; rows between them follow `interpolation`. */
  rate: number;
  interpolation: Interpolation;
}

/** Interpolated rather than held: on real footage hold keeps only R² 0.4–0.5 at 1 frame/s (docs/visual.md). */
export const VISUAL_DEFAULTS: VisualSettings = { rate: DEFAULT_PROJECT_SETTINGS.visualRate, interpolation: 'linear' };

export const visualKind = (backbone: Pick<Backbone, 'name'>) => `visual.${backbone.name}`;

export function visualDescriptorSpec(
  movieId: number, contentHash: string, backbone: Pick<Backbone, 'name' | 'dims' | 'fingerprint' | 'inputSize'>, settings: VisualSettings = VISUAL_DEFAULTS,
): DescriptorSetSpec {
  const { fingerprint, inputSize } = backbone;
  const settingsHash = createHash('sha256').update(JSON.stringify({ VISUAL_VERSION, fingerprint, inputSize, settings, contentHash })).digest('hex').slice(0, 16);
  return { movieId, kind: visualKind(backbone), settingsHash, rate: VALENCE_RATE_HZ, dims: backbone.dims };
}
