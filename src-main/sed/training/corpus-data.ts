/**
 * Training and validation data from a folder of isolated clips (a manifest): the clips are split
 * by source group; training batches are fresh mel-domain soundscapes of the training clips over
 * training beds; validation is a fixed, seeded set of waveform-mixed soundscapes of the held-out
 * clips over separate beds, analysed by the real front end. Real background recordings (no human
 * sounds) are cut in time: the first part feeds training beds, the rest validation beds.
 */
import { EVENT_CLASSES } from '../../contract/domain.js';
import { decodeAudio } from '../../media/decode-audio.js';
import { LOG_MEL, logMel } from '../frontend/log-mel.js';
import { SYNTHETIC_BEDS, cutBed, synthBed } from '../data/backgrounds.js';
import { loadCorpus, type CorpusClip } from '../data/corpus.js';
import { melPower } from '../data/mel-mix.js';
import { Rng } from '../../util/random.js';
import { DEFAULT_SOUNDSCAPE, planSoundscape, renderSoundscape, type SourceClip } from '../data/soundscape.js';
import { splitBySource } from '../data/split.js';
import type { ValidationExample } from './evaluate.js';

export interface CorpusDataOptions {
  manifest: string;
  seed: number;
  /** Share of each class's seconds (by whole source groups) held out. */
  validationFraction?: number;
  /** Number of 10 s validation soundscapes. */
  validationSoundscapes?: number;
  /** Number of 10 s calibration soundscapes (training clips over training beds) for thresholds. */
  calibrationSoundscapes?: number;
  /** Synthetic beds of each kind for training and for validation (default 8 and 4). */
  syntheticBeds?: { train: number; validation: number };
  /** Background recordings without human sounds, and the share of each used for training beds. */
  bedRecordings?: Array<{ path: string; trainShare: number }>;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface CorpusData {
  /** Training clips with their mel power, for mel-domain soundscapes. */
  trainClips: Array<CorpusClip & { power: Float32Array }>;
  /** Mel power of unit-RMS training beds. */
  trainBeds: Float32Array[];
  validation: ValidationExample[];
  /** Waveform-mixed soundscapes of training clips, for threshold tuning. */
  calibration: ValidationExample[];
  summary: CorpusSummary;
}

export interface CorpusSummary {
  manifest: string;
  seed: number;
  validationFraction: number;
  validationGroups: string[];
  perClass: Record<string, { trainClips: number; trainSeconds: number; validationClips: number; validationSeconds: number }>;
  validationSoundscapes: number;
  validationSeconds: number;
  calibrationSoundscapes: number;
  soundscape: typeof DEFAULT_SOUNDSCAPE;
  beds: string[];
}

const BED_SECONDS = 12;

export async function prepareCorpusData(o: CorpusDataOptions): Promise<CorpusData> {
  const rng = new Rng(o.seed);
  const fraction = o.validationFraction ?? 0.25;
  o.onProgress?.('decoding clips');
  const corpus = await loadCorpus(o.manifest, { signal: o.signal });
  const split = splitBySource(corpus.clips.map((c) => ({ ...c, weight: c.durationS })), fraction, o.seed);
  const perClass: CorpusSummary['perClass'] = {};
  for (const label of EVENT_CLASSES) {
    const t = split.train.filter((c) => c.label === label);
    const v = split.validation.filter((c) => c.label === label);
    const secs = (cs: CorpusClip[]) => Math.round(cs.reduce((s, c) => s + c.durationS, 0) * 10) / 10;
    perClass[label] = { trainClips: t.length, trainSeconds: secs(t), validationClips: v.length, validationSeconds: secs(v) };
  }

  o.onProgress?.('preparing backgrounds');
  const sr = LOG_MEL.sampleRate;
  const bedSamples = BED_SECONDS * sr;
  const trainBeds: Float32Array[] = [];
  const validationBeds: Float32Array[] = [];
  const bedNames: string[] = [];
  const perKind = o.syntheticBeds ?? { train: 8, validation: 4 };
  for (const kind of SYNTHETIC_BEDS) {
    for (let i = 0; i < perKind.train; i++) trainBeds.push(synthBed(kind, bedSamples, sr, rng.fork(1000 + trainBeds.length)));
    for (let i = 0; i < perKind.validation; i++) validationBeds.push(synthBed(kind, bedSamples, sr, rng.fork(5000 + validationBeds.length)));
    bedNames.push(`synthetic ${kind}`);
  }
  for (const rec of o.bedRecordings ?? []) {
    const audio = await decodeAudio(rec.path, { sampleRate: sr, signal: o.signal });
    const cut = Math.round(audio.length * rec.trainShare);
    for (let i = 0; i < 4; i++) trainBeds.push(cutBed(audio.subarray(0, cut), bedSamples, rng.fork(9000 + i)));
    for (let i = 0; i < 2; i++) validationBeds.push(cutBed(audio.subarray(cut), bedSamples, rng.fork(9500 + i)));
    bedNames.push(`${rec.path} (first ${Math.round(rec.trainShare * 100)} % for training, the rest for validation)`);
  }

  o.onProgress?.('computing clip spectra');
  const trainClips = split.train.map((c) => ({ ...c, power: melPower(c.samples) }));
  const trainBedPowers = trainBeds.map(melPower);

  o.onProgress?.('mixing validation and calibration soundscapes');
  const count = o.validationSoundscapes ?? 300;
  const validation = mixExamples(split.validation, validationBeds, count, rng.fork(3), o.signal);
  const calibrationCount = o.calibrationSoundscapes ?? 100;
  const calibration = mixExamples(split.train, trainBeds, calibrationCount, rng.fork(4), o.signal);

  return {
    trainClips,
    trainBeds: trainBedPowers,
    validation,
    calibration,
    summary: {
      manifest: o.manifest,
      seed: o.seed,
      validationFraction: fraction,
      validationGroups: split.validationGroups,
      perClass,
      validationSoundscapes: count,
      validationSeconds: count * DEFAULT_SOUNDSCAPE.durationS,
      calibrationSoundscapes: calibrationCount,
      soundscape: DEFAULT_SOUNDSCAPE,
      beds: bedNames,
    },
  };
}

/** Soundscapes mixed as waveforms and analysed by the real front end. */
function mixExamples(clips: CorpusClip[], beds: Float32Array[], count: number, rng: Rng, signal?: AbortSignal): ValidationExample[] {
  const byClass = new Map<CorpusClip['label'], SourceClip[]>();
  for (const c of clips) byClass.set(c.label, [...(byClass.get(c.label) ?? []), c]);
  const out: ValidationExample[] = [];
  for (let i = 0; i < count; i++) {
    signal?.throwIfAborted();
    const plan = planSoundscape(byClass, DEFAULT_SOUNDSCAPE, rng);
    const audio = renderSoundscape(plan, rng.pick(beds));
    out.push({ logMel: logMel(audio), events: plan.events, durationS: DEFAULT_SOUNDSCAPE.durationS });
  }
  return out;
}
