/** Untrained detectors small enough that an analysis in a test spends its time on the other stages. */
import { join } from 'node:path';
import type { EventGroup } from '../../src-main/contract/domain.js';
import { initBackend } from '../../src-main/ml/backend.js';
import { Cbrnn } from '../../src-main/sed/model/cbrnn.js';
import { defaultConfig } from '../../src-main/sed/model/config.js';
import { saveModel } from '../../src-main/sed/model/model-io.js';
import { DEFAULT_POSTPROCESS } from '../../src-main/sed/postprocess.js';

/** Saves one per group under `dir`; returns their folders for SoundEventDetector.load. */
export async function tinyDetectors(dir: string): Promise<Record<EventGroup, string>> {
  await initBackend();
  const dirs = {} as Record<EventGroup, string>;
  for (const group of ['verbal', 'nonverbal'] as const) {
    const model = Cbrnn.create({ ...defaultConfig(group), convChannels: [4, 8, 8], gruUnits: 4 }, 1);
    dirs[group] = join(dir, group);
    await saveModel(dirs[group], model, { postprocess: model.config.classes.map(() => ({ ...DEFAULT_POSTPROCESS, threshold: 0.3 })), training: null, validation: null });
    model.dispose();
  }
  return dirs;
}
