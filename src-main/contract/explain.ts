/** Why a predicted valence moved (#13 item 6): spread into `paramSchemas` and `ApiResults`. */
import { z } from 'zod';
import { entityId } from './jobs.js';

export const explainSchemas = {
  /** Each input modality's share of a prediction series, per 25 Hz frame (occlusion; docs/valence.md). */
  'valence.shares': z.object({ seriesId: entityId }).strict(),
} as const;

/**
 * Shares as base64 little-endian Float32, frame-major ([frames × modalities]); NaN where no modality
 * changed the prediction. Null for annotations and for predictions made before shares were stored.
 */
export interface ValenceShares {
  seriesId: number;
  modalities: string[];
  rate: number;
  frames: number;
  values: string;
}

export interface ExplainResults {
  'valence.shares': ValenceShares | null;
}
