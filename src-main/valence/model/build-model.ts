/** Builds any of the six models from its config: fresh from a seeded generator, or from saved weights. */
import { createDnn } from './dnn.js';
import { createFeaTfCross } from './fea-tf-cross.js';
import { createFeaTf } from './fea-tf.js';
import { createLstm } from './lstm.js';
import type { Architecture, ValenceModelConfig } from './model-config.js';
import { MODEL_FORMAT_VERSION } from './model-config.js';
import type { ValenceModel } from './model.js';
import type { Rng } from '../../util/random.js';
import { Params } from './params.js';
import { createTempTf } from './temp-tf.js';

const builders: Record<Architecture, (c: ValenceModelConfig, p: Params) => ValenceModel> = {
  dnn: createDnn,
  lstm: createLstm,
  'fea-tf': createFeaTf,
  'temp-tf': createTempTf,
  'fea-tf-cma': createFeaTfCross,
  'fea-tf-scma': createFeaTfCross,
};

export function buildModel(config: ValenceModelConfig, rng: Rng, saved: Map<string, Float32Array> | null = null): ValenceModel {
  if (config.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new Error(`model format ${config.formatVersion} is not the ${MODEL_FORMAT_VERSION} this version reads; retrain the model`);
  }
  const params = new Params(rng, saved);
  try {
    return builders[config.architecture](config, params);
  } catch (err) {
    params.dispose();
    throw err;
  }
}

export type { ValenceModel, InputGroup } from './model.js';
