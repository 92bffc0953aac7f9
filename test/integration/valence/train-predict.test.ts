/** Train on a synthetic project, store the model, predict a movie and store the series. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src-main/ml/backend.js';
import { standaloneContext } from '../../../src-main/util/task-context.js';
import { predictMovie } from '../../../src-main/analysis/valence/predict-movie.js';
import { trainOnProject } from '../../../src-main/analysis/valence/train-project.js';
import { tempDir } from '../../helpers/media.js';
import { syntheticProject } from '../../helpers/valence/synthetic-store.js';

await initBackend();

test('train-valence stores a versioned model; predict stores probabilities and expected valence', async () => {
  const project = syntheticProject(tempDir('vs-valence-train-'), { movies: 3, seconds: 12 });
  try {
    const before = tf.memory().numTensors;
    const { info, summary } = await trainOnProject(
      project,
      {
        architecture: 'temp-tf',
        events: 'all',
        semantics: 'events',
        stride: 5,
        training: { learningRate: 0.005, decay: 0.005, batchSize: 32, maxEpochs: 3, patience: 2, seed: 4 },
        model: { attentionDims: 16, heads: 2, ffnDims: 16, hidden: 16, window: 3, dropout: 0 },
      },
      standaloneContext(),
    );
    assert.match(info.version, /^temp-tf-[0-9a-f]{12}$/);
    assert.ok(summary.epochs.length >= 1 && summary.bestEpoch >= 1);
    assert.deepEqual(project.models.list('valence').map((m) => m.version), [info.version]);

    const series = await predictMovie(project, 1, info.version, standaloneContext());
    assert.equal(series.kind, 'prediction');
    assert.equal(series.modelVersion, info.version);
    assert.equal(series.length, 12 * 25);
    const values = project.valence.values(series.id);
    assert.ok(values.every((v) => Math.abs(v) <= 6 / 7 + 1e-6));
    const probs = project.db.prepare('SELECT probs FROM valence_series WHERE id = ?').get(series.id) as { probs: Buffer };
    assert.equal(probs.probs.byteLength, 12 * 25 * 7 * 4);
    // Why it moved: each frame's modality shares sum to 1 (or are NaN where nothing mattered).
    const shares = project.valence.shares(series.id)!;
    const inputs = (info.config as { model: { inputs: { modality: string }[] } }).model.inputs.map((i) => i.modality);
    assert.deepEqual(shares.modalities, inputs);
    assert.equal(shares.values.length, 12 * 25 * inputs.length);
    let explained = 0;
    for (let f = 0; f < 12 * 25; f++) {
      const row = shares.values.subarray(f * inputs.length, (f + 1) * inputs.length);
      if (Number.isNaN(row[0])) continue;
      explained++;
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4, `frame ${f} shares sum to 1`);
    }
    assert.ok(explained > 12 * 25 * 0.9, `most frames have shares (${explained})`);
    assert.equal(tf.memory().numTensors, before, 'models disposed');
    await assert.rejects(predictMovie(project, 1, 'dnn-000000000000', standaloneContext()), /no valence model dnn-000000000000/);
  } finally {
    project.close();
  }
});

test('the per-film label is the chosen raters: one rater, or the mean of all, and the model records which', async () => {
  const project = syntheticProject(tempDir('vs-valence-raters-'), { movies: 3, seconds: 12 });
  try {
    // A second rater on the first two films only: choosing them trains on those two.
    for (const movieId of [1, 2]) {
      project.valence.insert({ movieId, kind: 'annotation', name: 'Bo', rater: 'Bo', rate: 25, values: new Float32Array(12 * 25).fill(0.8) });
    }
    const settings = {
      architecture: 'dnn' as const,
      events: 'none' as const,
      semantics: 'events' as const,
      stride: 5,
      training: { learningRate: 0.005, decay: 0.005, batchSize: 32, maxEpochs: 1, patience: 1, seed: 4 },
    };
    const bo = await trainOnProject(project, { ...settings, labels: { raters: ['Bo'] } }, standaloneContext());
    const summary = bo.info.trainingSummary as { labels: string };
    assert.equal(summary.labels, 'rater Bo');
    const data = (bo.info.config as { data: { trainMovies: unknown[]; validationMovie: unknown } }).data;
    assert.equal(data.trainMovies.length + (data.validationMovie === null ? 0 : 1), 2, 'only the films Bo rated');
    const all = await trainOnProject(project, settings, standaloneContext());
    assert.equal((all.info.trainingSummary as { labels: string }).labels, 'mean of all raters');
    // The same training again is the same model, byte for byte: the stored one is kept, not refused.
    const again = await trainOnProject(project, settings, standaloneContext());
    assert.equal(again.info.id, all.info.id);
    assert.equal(project.models.list('valence').filter((m) => m.version === all.info.version).length, 1);
    await assert.rejects(trainOnProject(project, { ...settings, labels: { raters: ['Nobody'] } }, standaloneContext()), /has a valence rating by Nobody/);
  } finally {
    project.close();
  }
});
