/**
 * Detector versions whose output is known whatever the audio, for the comparison's tests: the
 * shipped head of a group with its frame biases pushed to ±40, so it hears one class everywhere and
 * the others nowhere. Their weights differ, so each is its own version; stored in the project like a
 * retrain, with a recorded held-out figure.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { EventClass, EventGroup } from '../../src-main/contract/domain.js';
import { storeDetector } from '../../src-main/analysis/project-models.js';
import { initBackend } from '../../src-main/ml/backend.js';
import { defaultModelDir } from '../../src-main/sed/detector.js';
import { TaggerHead } from '../../src-main/sed/head/head-model.js';
import { encodeModel, loadModel } from '../../src-main/sed/model/model-io.js';
import type { Project } from '../../src-main/store/project.js';

/** Stores the head that hears `label` (of `group`) all the time; returns its version. */
export async function storeConstantHead(project: Project, group: EventGroup, label: EventClass, heldOutF1: number): Promise<string> {
  await initBackend();
  const shipped = await loadModel(defaultModelDir(group));
  const base = shipped.model as TaggerHead;
  const classes = base.config.classes;
  const weights = Object.fromEntries(base.namedWeights().map(([name, v]) => [name, v as tf.Tensor]));
  const bias = tf.tensor1d(classes.map((c) => (c === label ? 40 : -40)));
  const head = TaggerHead.fromWeights(base.getConfig(), { ...weights, 'frame/bias': bias });
  try {
    const encoded = await encodeModel(head, {
      postprocess: shipped.meta.postprocess,
      training: { data: { recordings: [] }, note: `hears ${label} everywhere` },
      validation: { note: 'synthetic', segmentBased: { classWiseAverage: { fMeasure: heldOutF1 } } },
    });
    return storeDetector(project.models, encoded).version;
  } finally {
    bias.dispose();
    head.dispose();
    base.dispose();
  }
}
