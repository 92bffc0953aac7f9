/**
 * Retraining a tagger head on annotated recordings (a project's films and their corrected events):
 * the tagger is frozen, so the recordings arrive as cached tagger features and only the head is
 * fine-tuned, in seconds to a minute, and the last epoch is kept (a film's few corrected minutes
 * leave nothing to choose an epoch on). Whole recordings are held out (with a single one, its last
 * fifth as a contiguous block); the retrained head and the one it started from are scored on the
 * same held-out windows, so the caller can refuse a retrain that made things worse.
 */
import type { EventGroup } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import type { LabelledEvent } from '../data/soundscape.js';
import { TAGGER_DIMS, TAGGER_STEP_S } from '../tagger/tagger.js';
import { evaluateHead, type HeadEvaluation, type HeadExample } from './evaluate-head.js';
import type { TaggerHead } from './head-model.js';
import { trainHead, type HeadProgress } from './train-head.js';
import type { ClassPostprocess } from '../postprocess.js';

export interface FeatureRecording {
  name: string;
  /** [steps × TAGGER_DIMS] */
  features: Float32Array;
  /** Training targets: curated events, and model events no curated one overlaps. */
  events: LabelledEvent[];
  /**
   * The events people made or imported. Held-out windows that hold some are scored against these
   * alone: scored against the model's own events, the detector it started from would be graded on
   * its own output.
   */
  curated?: LabelledEvent[];
  durationS: number;
  /** Where the targets are known (see HeadExample); absent: everywhere. */
  known?: LabelledEvent[];
}

export interface HeadRetrainOptions {
  group: EventGroup;
  recordings: FeatureRecording[];
  init: { model: TaggerHead; postprocess: ClassPostprocess[] };
  seed?: number;
  epochs?: number;
  batchSize?: number;
  /** Default 5e-4: fine-tuning moves a trained head gently. */
  learningRate?: number;
  validationFraction?: number;
  signal?: AbortSignal;
  onProgress?: (p: HeadProgress) => void;
}

export interface HeadRetrainResult {
  model: TaggerHead;
  postprocess: ClassPostprocess[];
  split: string;
  /** The same held-out windows, scored with the new head and with the one it started from. */
  heldOut: { retrained: HeadEvaluation; previous: HeadEvaluation; windows: number };
  epochs: Array<{ epoch: number; loss: number; calibrationF1: number }>;
  bestEpoch: number;
  wallS: number;
}

const WINDOW_STEPS = 21; // ≈10 s

export async function retrainHead(o: HeadRetrainOptions): Promise<HeadRetrainResult> {
  if (o.recordings.length === 0) throw badRequest('no recordings to train on');
  let train: FeatureRecording[];
  let heldOut: FeatureRecording[];
  let split: string;
  if (o.recordings.length >= 2) {
    const n = Math.max(1, Math.round(o.recordings.length * (o.validationFraction ?? 0.25)));
    heldOut = o.recordings.slice(-n);
    train = o.recordings.slice(0, -n);
    split = `by recording: ${heldOut.map((r) => r.name).join(', ')} held out`;
  } else {
    const r = o.recordings[0];
    const cut = Math.floor((r.features.length / TAGGER_DIMS) * 0.8);
    [train, heldOut] = [slice(r, 0, cut), slice(r, cut, r.features.length / TAGGER_DIMS)];
    split = `one recording: the last ${Math.round(heldOut[0].durationS)} s held out as a contiguous block`;
  }
  const all = heldOut.flatMap((r) => windows(r));
  if (all.length === 0) throw badRequest('the held-out audio is shorter than one 10 s window');
  const curatedWindows = heldOut.flatMap((r) => (r.curated ? windows({ ...r, events: r.curated }) : [])).filter((w) => w.events.length > 0);
  const validation = curatedWindows.length > 0 ? curatedWindows : all;
  split += curatedWindows.length > 0 ? `; scored on the ${curatedWindows.length} held-out windows with curated events, against those alone` : '; no held-out window has curated events: scored against all its events, model-made included';
  // A window of a reviewed film with nothing reviewed in it teaches nothing: every target there is unknown.
  const examples = train.flatMap((r) => windows(r)).filter((w) => !w.known || w.known.length > 0);
  if (examples.length === 0) throw badRequest('the training audio is shorter than one 10 s window');
  // Thresholds stay the shipped ones: a film's few corrected minutes are too little to re-tune them on.
  const result = await trainHead({
    group: o.group,
    seed: o.seed ?? 1,
    train: examples,
    calibration: [],
    init: o.init.model,
    epochs: o.epochs ?? 8,
    learningRate: o.learningRate ?? 5e-4,
    cropSteps: WINDOW_STEPS,
    batchSize: o.batchSize ?? 16,
    signal: o.signal,
    onProgress: o.onProgress,
  });
  try {
    return {
      model: result.model,
      postprocess: o.init.postprocess,
      split,
      heldOut: { retrained: evaluateHead(result.model, validation, o.init.postprocess), previous: evaluateHead(o.init.model, validation, o.init.postprocess), windows: validation.length },
      epochs: result.epochs,
      bestEpoch: result.bestEpoch,
      wallS: result.stats.wallS,
    };
  } catch (err) {
    result.model.dispose();
    throw err;
  }
}

/** Steps [from, to) of a recording, its events (and known spans) shifted to match. */
function slice(r: FeatureRecording, from: number, to: number): FeatureRecording[] {
  const [a, b] = [from * TAGGER_STEP_S, to * TAGGER_STEP_S];
  const within = (spans: readonly LabelledEvent[]) =>
    spans.filter((e) => e.offset > a && e.onset < b).map((e) => ({ label: e.label, onset: Math.max(0, e.onset - a), offset: Math.min(b, e.offset) - a }));
  const known = r.known && { known: within(r.known) };
  return [{ name: r.name, features: r.features.slice(from * TAGGER_DIMS, to * TAGGER_DIMS), events: within(r.events), durationS: Math.min(r.durationS, b) - a, ...known }];
}

/** Consecutive ≈10 s windows (the shorter tail is dropped). */
function windows(r: FeatureRecording): HeadExample[] {
  const steps = r.features.length / TAGGER_DIMS;
  const out: HeadExample[] = [];
  for (let s = 0; s + WINDOW_STEPS <= steps; s += WINDOW_STEPS) {
    const [w] = slice(r, s, s + WINDOW_STEPS);
    out.push({ features: w.features, events: w.events, durationS: WINDOW_STEPS * TAGGER_STEP_S, ...(w.known && { known: w.known }) });
  }
  return out;
}
