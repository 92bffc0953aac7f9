/** The API's handler for why a prediction moved: the modality shares stored with a prediction series. */
import type { z } from 'zod';
import type { explainSchemas, ValenceShares } from '../contract/explain.js';
import type { Project } from '../store/project.js';
import { typedToBase64 } from './codec.js';

export function explainHandlers(p: Project) {
  return {
    'valence.shares': ({ seriesId }: z.infer<(typeof explainSchemas)['valence.shares']>): ValenceShares | null => {
      const info = p.valence.info(seriesId);
      const shares = p.valence.shares(seriesId);
      if (!shares) return null;
      return { seriesId, modalities: shares.modalities, rate: info.rate, frames: shares.values.length / shares.modalities.length, values: typedToBase64(shares.values) };
    },
  };
}
