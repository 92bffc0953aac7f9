/**
 * Retraining a detector from annotated recordings (a project's movies and their events): each
 * recording is decoded and analysed once; training takes random crops, validation holds out whole
 * recordings (by movie), scored on 10 s windows. Human-made (and imported) events take precedence
 * over model events: a model event is dropped where one of the same detector group overlaps it.
 * By default training starts from the shipped model of the group (fine-tuning), which is what makes
 * it practical on a laptop.
 */
import { groupOf, type EventClass, type EventGroup, type EventSource } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { decodeAudio } from '../../media/decode-audio.js';
import { initBackend } from '../../ml/backend.js';
import { defaultModelDir } from '../detector.js';
import { LOG_MEL, logMel } from '../frontend/log-mel.js';
import type { LabelledEvent } from '../data/soundscape.js';
import { classesOf } from '../model/config.js';
import type { Cbrnn } from '../model/cbrnn.js';
import { encodeModel, isHead, loadModel, type LoadedModel } from '../model/model-io.js';
import { RecordingBatches, type AnnotatedRecording } from './batches.js';
import type { ValidationExample } from './evaluate.js';
import type { TrainSettings } from './settings.js';
import { trainDetector, type TrainProgress } from './train.js';

export interface AnnotatedAudio {
  audioPath: string;
  events: Array<{ label: EventClass; onset: number; offset: number; source?: EventSource }>;
}

export interface RecordingTrainingOptions {
  items: AnnotatedAudio[];
  group: EventGroup;
  seed?: number;
  /** The detector to fine-tune (the caller keeps and disposes it); null trains from scratch. Default: the shipped model. */
  init?: LoadedModel | null;
  /** Share of recordings held out for validation (at least one when there are two or more). */
  validationFraction?: number;
  settings?: TrainSettings;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress | { phase: 'prepare'; message: string }) => void;
}

/** Human and imported events win over model events of the same group that they overlap. */
export function trainingEvents(events: AnnotatedAudio['events']): LabelledEvent[] {
  const curated = events.filter((e) => e.source !== 'model');
  const kept = events.filter(
    (e) => e.source !== 'model' || !curated.some((h) => groupOf(h.label) === groupOf(e.label) && h.onset < e.offset && e.onset < h.offset),
  );
  return kept.map(({ label, onset, offset }) => ({ label, onset, offset }));
}

const WINDOW_S = 10;

export async function trainFromRecordings(o: RecordingTrainingOptions) {
  if (o.items.length === 0) throw badRequest('no recordings to train on');
  await initBackend();
  const seed = o.seed ?? 1;
  const recordings: Array<AnnotatedRecording & { path: string; durationS: number }> = [];
  for (const [i, item] of o.items.entries()) {
    o.onProgress?.({ phase: 'prepare', message: `analysing ${item.audioPath} (${i + 1}/${o.items.length})` });
    const audio = await decodeAudio(item.audioPath, { sampleRate: LOG_MEL.sampleRate, signal: o.signal });
    recordings.push({ path: item.audioPath, logMel: logMel(audio), events: trainingEvents(item.events), durationS: audio.length / LOG_MEL.sampleRate });
  }

  // Hold out whole recordings; with a single one, its last fifth (a contiguous block, never frames).
  let train: AnnotatedRecording[];
  let heldOut: Array<AnnotatedRecording & { durationS: number; path?: string }>;
  let splitNote: string;
  if (recordings.length >= 2) {
    const n = Math.max(1, Math.round(recordings.length * (o.validationFraction ?? 0.25)));
    heldOut = recordings.slice(-n);
    train = recordings.slice(0, -n);
    splitNote = `by recording: ${heldOut.map((r) => r.path).join(', ')} held out`;
  } else {
    const r = recordings[0];
    const cutS = Math.floor(r.durationS * 0.8);
    const cutFrame = cutS * (LOG_MEL.sampleRate / LOG_MEL.hop);
    train = [{ logMel: r.logMel.slice(0, cutFrame * LOG_MEL.bands), events: clip(r.events, 0, cutS) }];
    heldOut = [{ logMel: r.logMel.slice(cutFrame * LOG_MEL.bands), events: clip(r.events, cutS, r.durationS), durationS: r.durationS - cutS }];
    splitNote = `one recording: the last ${Math.round(r.durationS - cutS)} s held out as a contiguous block`;
  }
  const validation = heldOut.flatMap(windows);
  if (validation.length === 0) throw badRequest('the held-out audio is shorter than one 10 s window');

  const shipped = o.init === undefined ? await loadModel(defaultModelDir(o.group)) : null;
  const init = shipped ?? o.init ?? null;
  try {
    if (init && isHead(init.model)) throw badRequest(`${init.dir} is a tagger head; retrain it on tagger features (jobs/train-detectors), not on log-mels`);
    const result = await trainDetector({
      group: o.group,
      seed,
      batches: new RecordingBatches(train, classesOf(o.group)),
      validation,
      init: init?.model as Cbrnn | undefined,
      ...o.settings,
      onProgress: o.onProgress,
      signal: o.signal,
    });
    try {
      const model = await encodeModel(result.model, {
        postprocess: init?.meta.postprocess ?? result.postprocess,
        training: {
          data: { recordings: recordings.map((r) => ({ path: r.path, durationS: r.durationS, events: r.events.length })), split: splitNote, fineTunedFrom: init?.meta.version ?? null },
          settings: { ...o.settings, seed },
          epochs: result.epochs,
          bestEpoch: result.bestEpoch,
          stoppedBy: result.stoppedBy,
          stats: result.stats,
        },
        validation: { note: splitNote, segmentBased: result.validation.segment, eventBased: result.validation.event, frameLoss: result.validation.loss },
      });
      return { model, version: model.file.version, validation: result.validation, epochs: result.epochs, stats: result.stats };
    } finally {
      result.model.dispose();
    }
  } finally {
    shipped?.model.dispose();
  }
}

/** Events overlapping [from, to), shifted to start at `from`. */
function clip(events: readonly LabelledEvent[], from: number, to: number): LabelledEvent[] {
  return events
    .filter((e) => e.offset > from && e.onset < to)
    .map((e) => ({ label: e.label, onset: Math.max(0, e.onset - from), offset: Math.min(to, e.offset) - from }));
}

/** Consecutive 10 s windows of a held-out recording (the tail shorter than a window is dropped). */
function windows(r: AnnotatedRecording & { durationS: number }): ValidationExample[] {
  const fps = LOG_MEL.sampleRate / LOG_MEL.hop;
  const out: ValidationExample[] = [];
  for (let s = 0; s + WINDOW_S <= r.durationS; s += WINDOW_S) {
    out.push({ logMel: r.logMel.slice(s * fps * LOG_MEL.bands, (s + WINDOW_S) * fps * LOG_MEL.bands), events: clip(r.events, s, s + WINDOW_S), durationS: WINDOW_S });
  }
  return out;
}
