/**
 * What Analyze stores for a film (#17): predicting on ONNX Runtime stores the probabilities,
 * expected valence and modality shares that TF.js gives, to 1e-4, and leaves no TF.js tensor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { predictMovie } from '../../../src-main/analysis/valence/predict-movie.js';
import { trainOnProject } from '../../../src-main/analysis/valence/train-project.js';
import type { Project } from '../../../src-main/store/project.js';
import { standaloneContext } from '../../../src-main/util/task-context.js';
import type { ValenceModel } from '../../../src-main/valence/model/model.js';
import { tfPredictor, type Predictor } from '../../../src-main/valence/training/predict.js';
import { tempDir } from '../../helpers/media.js';
import { syntheticProject } from '../../helpers/valence/synthetic-store.js';

await initBackend();

/** The TF.js engine as a predictor: what predictMovie ran before ONNX Runtime. */
const tfjs = async (model: ValenceModel): Promise<Predictor> => tfPredictor(model);

function stored(project: Project, seriesId: number) {
  const { probs } = project.db.prepare('SELECT probs FROM valence_series WHERE id = ?').get(seriesId) as { probs: Buffer };
  return {
    probs: new Float32Array(probs.buffer.slice(probs.byteOffset, probs.byteOffset + probs.byteLength)),
    values: project.valence.values(seriesId),
    shares: project.valence.shares(seriesId)!.values,
  };
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    // A frame no modality moved has no share on either engine.
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    max = Math.max(max, Math.abs(a[i] - b[i]));
  }
  return max;
}

test('a film predicted on ONNX Runtime stores the TF.js probabilities, valence and shares to 1e-4', async () => {
  const project = syntheticProject(tempDir('vs-valence-onnx-'), { movies: 3, seconds: 12 });
  try {
    const { info } = await trainOnProject(
      project,
      {
        architecture: 'fea-tf-scma',
        events: 'all',
        semantics: 'events',
        stride: 5,
        training: { learningRate: 0.005, decay: 0.005, batchSize: 32, maxEpochs: 1, patience: 1, seed: 4 },
        model: { attentionDims: 16, heads: 2, ffnDims: 16, hidden: 16, tokens: 4, dropout: 0 },
      },
      standaloneContext(),
    );
    const before = tf.memory().numTensors;
    const onnx = stored(project, (await predictMovie(project, 1, info.version, standaloneContext())).id);
    assert.equal(tf.memory().numTensors, before, 'the ORT path leaves no TF.js tensor behind');
    const old = stored(project, (await predictMovie(project, 1, info.version, standaloneContext(), undefined, tfjs)).id);
    assert.equal(onnx.probs.length, 12 * 25 * 7);
    assert.ok(maxAbsDiff(onnx.probs, old.probs) <= 1e-4, 'probabilities');
    assert.ok(maxAbsDiff(onnx.values, old.values) <= 1e-4, 'expected valence');
    assert.ok(maxAbsDiff(onnx.shares, old.shares) <= 1e-4, 'modality shares');
  } finally {
    project.close();
  }
});
