/**
 * Per-class decision thresholds chosen on calibration examples (never the validation set): for
 * each class, the threshold on a fixed grid that maximises that class's segment-based F1 with the
 * rest of its post-processing unchanged. Classes are independent after post-processing, so each is
 * tuned alone.
 */
import { LOG_MEL, FRAMES_PER_BLOCK } from '../frontend/log-mel.js';
import type { Cbrnn } from '../model/cbrnn.js';
import { segmentBasedMetrics } from '../metrics/segment-based.js';
import { activityToEvents, type ClassPostprocess } from '../postprocess.js';
import { predictExamples, type ValidationExample } from './evaluate.js';

const GRID = Array.from({ length: 17 }, (_, i) => 0.1 + 0.05 * i); // 0.10 … 0.90
const STEP_RATE = LOG_MEL.sampleRate / LOG_MEL.hop / FRAMES_PER_BLOCK;

export function tuneThresholds(model: Cbrnn, examples: readonly ValidationExample[], base: readonly ClassPostprocess[]): ClassPostprocess[] {
  const classes = model.config.classes;
  const activities = predictExamples(model, examples);
  return classes.map((label, c) => {
    const column = activities.map((a) => {
      const out = new Float32Array(a.length / classes.length);
      for (let f = 0; f < out.length; f++) out[f] = a[f * classes.length + c];
      return out;
    });
    let best = { threshold: base[c].threshold, f: -1 };
    for (const threshold of GRID) {
      const settings = { ...base[c], threshold };
      const files = examples.map((ex, i) => ({
        reference: ex.events.filter((e) => e.label === label).map((e) => ({ ...e })),
        estimated: activityToEvents(column[i], [label], STEP_RATE, [settings]),
        length: ex.durationS,
      }));
      const f = segmentBasedMetrics(files, [label]).classWise[label].fMeasure;
      if (f > best.f + 1e-9) best = { threshold, f };
    }
    return { ...base[c], threshold: Math.round(best.threshold * 100) / 100 };
  });
}
