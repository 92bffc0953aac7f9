/**
 * DCASE-style synthetic soundscapes: isolated clips mixed over a background bed at random onsets,
 * with known event boundaries. Levels are set as event-to-background ratios (EBR) on each clip's
 * active RMS; classes are drawn uniformly so rare classes are seen as often as common ones; events
 * may overlap. A plan (all random draws, seeded) is rendered either as a waveform here or, for fast
 * training, as a mel spectrogram (mel-mix.ts).
 */
import type { EventClass } from '../../contract/domain.js';
import type { ActiveSpan } from './active-span.js';
import { applyBiquad, lowPass } from './filters.js';
import type { Rng } from '../../util/random.js';
import { ANALYSIS_SAMPLE_RATE } from '../../media/audio-rate.js';

export interface SourceClip {
  label: EventClass;
  samples: Float32Array;
  span: ActiveSpan;
}

export interface LabelledEvent {
  label: EventClass;
  /** Seconds. */
  onset: number;
  offset: number;
}

export interface SoundscapeOptions {
  durationS: number;
  sampleRate: number;
  /** Inclusive range of the number of events. */
  eventCount: [number, number];
  /** Event-to-background ratio range, dB. */
  ebrDb: [number, number];
  /** Background RMS range, dBFS. */
  bedDb: [number, number];
  /** Longer clips (crying, songs, crowds) contribute an excerpt of 1.5 s to this length. */
  maxEventS: number;
  /** Chance that an event is low-passed at 3–4 kHz, as telephone-band and old recordings are. */
  lowPassProbability: number;
  /** Relative chance of drawing each class (default: all equal). */
  classWeights?: Partial<Record<EventClass, number>>;
}

export const DEFAULT_SOUNDSCAPE: SoundscapeOptions = {
  durationS: 10,
  sampleRate: ANALYSIS_SAMPLE_RATE,
  eventCount: [0, 4],
  ebrDb: [-3, 15],
  bedDb: [-55, -25],
  maxEventS: 6,
  lowPassProbability: 0.3,
};

/** One clip excerpt placed in a soundscape. Times in seconds, so any renderer rounds to its grid. */
export interface Placement {
  clip: SourceClip;
  /** Excerpt start within the clip. */
  from: number;
  length: number;
  /** Onset in the soundscape. */
  at: number;
  /** Linear gain applied to the clip's samples. */
  gain: number;
  /** Cut-off of the two cascaded low-pass biquads, or null. */
  lowPassHz: number | null;
}

export interface SoundscapePlan {
  durationS: number;
  sampleRate: number;
  /** Linear gain applied to the unit-RMS bed. */
  bedGain: number;
  placements: Placement[];
  events: LabelledEvent[];
}

/** Draws everything random about a soundscape; rendering it is then deterministic. */
export function planSoundscape(clips: ReadonlyMap<EventClass, readonly SourceClip[]>, options: SoundscapeOptions, rng: Rng): SoundscapePlan {
  const { sampleRate: sr, durationS } = options;
  const bedGain = 10 ** (rng.uniform(...options.bedDb) / 20);
  const classes = [...clips.keys()].filter((c) => (clips.get(c)?.length ?? 0) > 0);
  const count = classes.length === 0 ? 0 : options.eventCount[0] + rng.int(options.eventCount[1] - options.eventCount[0] + 1);
  const placements: Placement[] = [];
  const weights = classes.map((c) => options.classWeights?.[c] ?? 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const drawClass = () => {
    let r = rng.next() * totalWeight;
    for (let i = 0; i < classes.length; i++) if ((r -= weights[i]) < 0) return classes[i];
    return classes[classes.length - 1];
  };
  for (let e = 0; e < count; e++) {
    const clip = rng.pick(clips.get(options.classWeights ? drawClass() : rng.pick(classes))!);
    const active = (clip.span.end - clip.span.start) / sr;
    const maxLen = Math.min(durationS, options.maxEventS);
    const length = active > maxLen ? rng.uniform(Math.min(1.5, maxLen), maxLen) : active;
    const from = clip.span.start / sr + (active > length ? rng.uniform(0, active - length) : 0);
    const lowPassHz = rng.next() < options.lowPassProbability ? rng.uniform(3000, 4000) : null;
    const gain = (bedGain * 10 ** (rng.uniform(...options.ebrDb) / 20)) / clip.span.rms;
    const at = rng.uniform(0, Math.max(0, durationS - length));
    placements.push({ clip, from, length, at, gain, lowPassHz });
  }
  const events = placements
    .map((p) => ({ label: p.clip.label, onset: p.at, offset: Math.min(durationS, p.at + p.length) }))
    .sort((a, b) => a.onset - b.onset);
  return { durationS, sampleRate: sr, bedGain, placements, events };
}

/** Mixes a plan in the waveform domain. `bed` must be at unit RMS and at least as long. */
export function renderSoundscape(plan: SoundscapePlan, bed: Float32Array): Float32Array {
  const sr = plan.sampleRate;
  const n = Math.round(plan.durationS * sr);
  const audio = new Float32Array(n);
  for (let i = 0; i < n; i++) audio[i] = bed[i] * plan.bedGain;
  for (const p of plan.placements) {
    const from = Math.round(p.from * sr);
    const piece = p.clip.samples.slice(from, from + Math.round(p.length * sr));
    if (p.lowPassHz !== null) applyBiquad(applyBiquad(piece, lowPass(p.lowPassHz, sr)), lowPass(p.lowPassHz, sr));
    const at = Math.round(p.at * sr);
    for (let i = 0; i < piece.length && at + i < n; i++) audio[at + i] += piece[i] * p.gain;
  }
  // Keep clear of clipping without changing any ratio.
  let peak = 0;
  for (const v of audio) peak = Math.max(peak, Math.abs(v));
  if (peak > 0.99) for (let i = 0; i < n; i++) audio[i] *= 0.99 / peak;
  return audio;
}

/**
 * Frame targets at `rate` Hz for `classes`: frame k covers [k/rate, (k+1)/rate) and is active when
 * its centre lies inside an event. Row-major [frames × classes].
 */
export function frameTargets(events: readonly LabelledEvent[], classes: readonly EventClass[], frames: number, rate: number): Float32Array {
  const out = new Float32Array(frames * classes.length);
  for (const ev of events) {
    const c = classes.indexOf(ev.label);
    if (c < 0) continue;
    const first = Math.max(0, Math.ceil(ev.onset * rate - 0.5));
    const last = Math.min(frames - 1, Math.ceil(ev.offset * rate - 0.5) - 1);
    for (let k = first; k <= last; k++) out[k * classes.length + c] = 1;
  }
  return out;
}
