/**
 * Scores a detector on annotated examples the way it will be used (examples shorter than one
 * inference window are run whole, as the chunked predictor runs short files), post-processing into
 * events, then sed_eval's segment-based (1 s) and event-based metrics over the detector's classes;
 * plus the frame-level cross-entropy used for early stopping.
 */
import { meanBce } from '../model/named-weights.js';
import { LOG_MEL, FRAMES_PER_BLOCK } from '../frontend/log-mel.js';
import type { LabelledEvent } from '../data/soundscape.js';
import { frameTargets } from '../data/soundscape.js';
import { predictBatch } from '../inference.js';
import type { Cbrnn } from '../model/cbrnn.js';
import { eventBasedMetrics } from '../metrics/event-based.js';
import type { SedMetrics } from '../metrics/sed-eval-math.js';
import { segmentBasedMetrics, type FilePair } from '../metrics/segment-based.js';
import { activityToEvents, type ClassPostprocess } from '../postprocess.js';

export interface ValidationExample {
  /** [frames × bands] */
  logMel: Float32Array;
  events: readonly LabelledEvent[];
  durationS: number;
}

export interface Evaluation {
  loss: number;
  segment: SedMetrics;
  event: SedMetrics;
}

const STEP_RATE = LOG_MEL.sampleRate / LOG_MEL.hop / FRAMES_PER_BLOCK;
const BATCH = 16;

/** Activity [steps × classes] for each example, examples of equal length run together. */
export function predictExamples(model: Cbrnn, examples: readonly ValidationExample[]): Float32Array[] {
  const bands = model.config.bands;
  const k = model.config.classes.length;
  const out: Float32Array[] = new Array(examples.length);
  const byLength = new Map<number, number[]>();
  examples.forEach((e, i) => {
    const steps = Math.ceil(e.logMel.length / bands / FRAMES_PER_BLOCK);
    byLength.set(steps, [...(byLength.get(steps) ?? []), i]);
  });
  for (const [steps, ids] of byLength) {
    const frames = steps * FRAMES_PER_BLOCK;
    for (let first = 0; first < ids.length; first += BATCH) {
      const group = ids.slice(first, first + BATCH);
      // A last partial step is padded with silence, as the front end pads a stream's end.
      const x = new Float32Array(group.length * frames * bands).fill(Math.log(LOG_MEL.floor));
      group.forEach((id, g) => x.set(examples[id].logMel, g * frames * bands));
      const res = predictBatch(model, x, group.length, frames);
      group.forEach((id, g) => {
        out[id] = res.activity.slice(g * steps * k, (g + 1) * steps * k);
      });
    }
  }
  return out;
}

export function evaluate(model: Cbrnn, examples: readonly ValidationExample[], postprocess: readonly ClassPostprocess[]): Evaluation {
  const classes = model.config.classes;
  const activities = predictExamples(model, examples);
  let loss = 0;
  let count = 0;
  const files: FilePair[] = examples.map((ex, i) => {
    const act = activities[i];
    const target = frameTargets(ex.events, classes, act.length / classes.length, STEP_RATE);
    const bce = meanBce(act, target);
    loss += bce.sum;
    count += bce.count;
    return {
      reference: ex.events.filter((e) => classes.includes(e.label)).map((e) => ({ ...e })),
      estimated: activityToEvents(act, classes, STEP_RATE, postprocess),
      length: ex.durationS,
    };
  });
  return {
    loss: loss / Math.max(1, count),
    segment: segmentBasedMetrics(files, [...classes]),
    event: eventBasedMetrics(files, [...classes]),
  };
}
