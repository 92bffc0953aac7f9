/**
 * Scores a tagger head on annotated examples as it is used: step activity → 25 Hz frames →
 * post-processing → sed_eval segment-based (1 s) and event-based metrics; per-class thresholds
 * tuned on calibration examples (never the ones scored).
 */
import { meanBce } from '../model/named-weights.js';
import * as tf from '@tensorflow/tfjs-core';
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import type { LabelledEvent } from '../data/soundscape.js';
import { eventBasedMetrics } from '../metrics/event-based.js';
import type { SedMetrics } from '../metrics/sed-eval-math.js';
import { segmentBasedMetrics, type FilePair } from '../metrics/segment-based.js';
import { activityToEvents, type ClassPostprocess } from '../postprocess.js';
import { TAGGER_DIMS } from '../tagger/tagger.js';
import type { TaggerHead } from './head-model.js';
import { stepsToFrames, stepTargets } from './steps.js';

export interface HeadExample {
  /** Tagger features [steps × TAGGER_DIMS]. */
  features: Float32Array;
  events: readonly LabelledEvent[];
  durationS: number;
  /**
   * Where the targets are known, per class (a reviewed film: its review verdicts and curated events);
   * training weighs only those steps. Absent: known everywhere (every event is there, as in a corpus).
   */
  known?: readonly LabelledEvent[];
}

export interface HeadEvaluation {
  loss: number;
  segment: SedMetrics;
  event: SedMetrics;
}

const BATCH = 32;

/** Step activity [steps × K] of each example; examples of equal length run together. */
export function predictHeadSteps(model: TaggerHead, examples: readonly Pick<HeadExample, 'features'>[]): Float32Array[] {
  const k = model.config.classes.length;
  const out: Float32Array[] = new Array(examples.length);
  const byLength = new Map<number, number[]>();
  examples.forEach((e, i) => {
    const steps = e.features.length / TAGGER_DIMS;
    byLength.set(steps, [...(byLength.get(steps) ?? []), i]);
  });
  for (const [steps, ids] of byLength) {
    for (let first = 0; first < ids.length; first += BATCH) {
      const group = ids.slice(first, first + BATCH);
      const x = new Float32Array(group.length * steps * TAGGER_DIMS);
      group.forEach((id, g) => x.set(examples[id].features, g * steps * TAGGER_DIMS));
      const act = tf.tidy(() => tf.sigmoid(model.apply(tf.tensor3d(x, [group.length, steps, TAGGER_DIMS])).logits));
      const values = act.dataSync() as Float32Array;
      act.dispose();
      group.forEach((id, g) => (out[id] = values.slice(g * steps * k, (g + 1) * steps * k)));
    }
  }
  return out;
}

export const framesOf = (durationS: number) => Math.ceil(durationS * VALENCE_RATE_HZ - 1e-9);

export function evaluateHead(model: TaggerHead, examples: readonly HeadExample[], postprocess: readonly ClassPostprocess[], steps?: Float32Array[]): HeadEvaluation {
  const classes = model.config.classes;
  const k = classes.length;
  const activities = steps ?? predictHeadSteps(model, examples);
  let loss = 0;
  let count = 0;
  const files: FilePair[] = examples.map((ex, i) => {
    const act = activities[i];
    const target = stepTargets(ex.events, classes, act.length / k);
    const bce = meanBce(act, target);
    loss += bce.sum;
    count += bce.count;
    return {
      reference: ex.events.filter((e) => classes.includes(e.label)).map((e) => ({ ...e })),
      estimated: activityToEvents(stepsToFrames(act, k, framesOf(ex.durationS)), classes, VALENCE_RATE_HZ, postprocess),
      length: ex.durationS,
    };
  });
  return { loss: loss / Math.max(1, count), segment: segmentBasedMetrics(files, [...classes]), event: eventBasedMetrics(files, [...classes]) };
}

const GRID = Array.from({ length: 19 }, (_, i) => 0.05 + 0.05 * i); // 0.05 … 0.95

/** Per class, the threshold on the grid that maximises its segment F1 on `examples`. */
export function tuneHeadThresholds(model: TaggerHead, examples: readonly HeadExample[], base: readonly ClassPostprocess[], steps?: Float32Array[]): ClassPostprocess[] {
  const classes = model.config.classes;
  const k = classes.length;
  const frames = (steps ?? predictHeadSteps(model, examples)).map((a, i) => stepsToFrames(a, k, framesOf(examples[i].durationS)));
  return classes.map((label, c) => {
    const columns = frames.map((a) => {
      const col = new Float32Array(a.length / k);
      for (let f = 0; f < col.length; f++) col[f] = a[f * k + c];
      return col;
    });
    let best = { threshold: base[c].threshold, f: -1 };
    for (const threshold of GRID) {
      const settings = { ...base[c], threshold };
      const files = examples.map((ex, i) => ({
        reference: ex.events.filter((e) => e.label === label).map((e) => ({ ...e })),
        estimated: activityToEvents(columns[i], [label], VALENCE_RATE_HZ, [settings]),
        length: ex.durationS,
      }));
      const f = segmentBasedMetrics(files, [label]).classWise[label].fMeasure;
      if (f > best.f + 1e-9) best = { threshold, f };
    }
    return { ...base[c], threshold: Math.round(best.threshold * 100) / 100 };
  });
}
