/**
 * The figures the shipped detectors are judged by, on the cached held-out sets: per-class segment
 * F1 (1 s, sed_eval) over near-silence and over film-like beds, and false alarms on real audio
 * with no human voice (detected human-event seconds per minute, per bed category).
 */
import { VALENCE_RATE_HZ } from '../../src-main/contract/domain.js';
import type { SedEvent } from '../../src-main/sed/metrics/event-times.js';
import { segmentBasedMetrics } from '../../src-main/sed/metrics/segment-based.js';
import type { SedMetrics } from '../../src-main/sed/metrics/sed-eval-math.js';
import { activityToEvents, type ClassPostprocess } from '../../src-main/sed/postprocess.js';
import { framesOf, predictHeadSteps } from '../../src-main/sed/head/evaluate-head.js';
import type { TaggerHead } from '../../src-main/sed/head/head-model.js';
import { stepsToFrames } from '../../src-main/sed/head/steps.js';
import type { CachedExample } from './feature-cache.js';

export interface Detector {
  model: TaggerHead;
  postprocess: ClassPostprocess[];
}

export function detect(d: Detector, examples: readonly CachedExample[]) {
  const k = d.model.config.classes.length;
  return predictHeadSteps(d.model, examples).map((a, i) =>
    activityToEvents(stepsToFrames(a, k, framesOf(examples[i].durationS)), d.model.config.classes, VALENCE_RATE_HZ, d.postprocess),
  );
}

export function segmentScores(d: Detector, examples: readonly CachedExample[]): SedMetrics {
  const estimated = detect(d, examples);
  const classes = d.model.config.classes;
  return segmentBasedMetrics(
    examples.map((ex, i) => ({ reference: ex.events.filter((e) => classes.includes(e.label)).map((e) => ({ ...e })), estimated: estimated[i], length: ex.durationS })),
    [...classes],
  );
}

export type FalseAlarms = Record<string, { minutes: number; secondsPerMinute: number; files: number }>;

/**
 * Per bed category: minutes of audio and detected human-event seconds per minute (the union over
 * classes and detectors of each bed's events).
 */
export function tallyFalseAlarms(beds: ReadonlyArray<{ category: string; durationS: number; events: readonly SedEvent[] }>): FalseAlarms {
  const out: Record<string, { minutes: number; seconds: number; files: number }> = {};
  for (const b of beds) {
    const on = new Uint8Array(framesOf(b.durationS));
    for (const e of b.events) for (let f = Math.floor(e.onset * VALENCE_RATE_HZ); f < Math.min(on.length, Math.ceil(e.offset * VALENCE_RATE_HZ)); f++) on[f] = 1;
    const c = (out[b.category] ??= { minutes: 0, seconds: 0, files: 0 });
    c.minutes += b.durationS / 60;
    c.seconds += on.reduce((a, v) => a + v, 0) / VALENCE_RATE_HZ;
    c.files++;
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { minutes: v.minutes, files: v.files, secondsPerMinute: v.seconds / Math.max(1e-9, v.minutes) }]));
}

/** The heads' false alarms on cached bed features. */
export function falseAlarms(detectors: readonly Detector[], beds: readonly CachedExample[]): FalseAlarms {
  const perDetector = detectors.map((d) => detect(d, beds));
  return tallyFalseAlarms(beds.map((b, i) => ({ category: b.bed.split(':')[0], durationS: b.durationS, events: perDetector.flatMap((events) => events[i]) })));
}

/**
 * Male/female confusion of the verbal detector on speech that overlaps no other event: the share of
 * each sex's reference time detected as male, as female, and as neither.
 */
export function sexConfusion(d: Detector, examples: readonly CachedExample[]): Record<'speech_male' | 'speech_female', { male: number; female: number; neither: number; seconds: number }> {
  const estimated = detect(d, examples);
  const out = { speech_male: { male: 0, female: 0, neither: 0, seconds: 0 }, speech_female: { male: 0, female: 0, neither: 0, seconds: 0 } };
  examples.forEach((ex, i) => {
    for (const ref of ex.events) {
      if (ref.label !== 'speech_male' && ref.label !== 'speech_female') continue;
      if (ex.events.some((o) => o !== ref && o.onset < ref.offset && ref.onset < o.offset)) continue;
      const frames = Math.round((ref.offset - ref.onset) * VALENCE_RATE_HZ);
      const r = out[ref.label];
      for (let f = 0; f < frames; f++) {
        const t = ref.onset + (f + 0.5) / VALENCE_RATE_HZ;
        const male = estimated[i].some((e) => e.label === 'speech_male' && e.onset <= t && t < e.offset);
        const female = estimated[i].some((e) => e.label === 'speech_female' && e.onset <= t && t < e.offset);
        r.male += male ? 1 : 0;
        r.female += female ? 1 : 0;
        r.neither += male || female ? 0 : 1;
      }
      r.seconds += frames / VALENCE_RATE_HZ;
    }
  });
  for (const r of Object.values(out)) {
    const n = Math.max(1, r.seconds * VALENCE_RATE_HZ);
    r.male /= n;
    r.female /= n;
    r.neither /= n;
  }
  return out;
}
