/**
 * Where training batches come from. Two sources share one shape (log-mel frames and 25 Hz targets):
 * fresh DCASE-style soundscapes mixed in the mel domain from isolated clips (every batch new), and
 * random crops of long annotated recordings (a project's films and their events).
 */
import type { EventClass } from '../../contract/domain.js';
import { LOG_MEL, FRAMES_PER_BLOCK } from '../frontend/log-mel.js';
import { renderMelSoundscape, type MelAugment } from '../data/mel-mix.js';
import type { Rng } from '../../util/random.js';
import { frameTargets, planSoundscape, type LabelledEvent, type SoundscapeOptions, type SourceClip } from '../data/soundscape.js';

export interface Batch {
  n: number;
  /** Log-mel frames per example (a multiple of 4). */
  frames: number;
  /** [n × frames × bands] */
  x: Float32Array;
  /** [n × frames/4 × classes] */
  y: Float32Array;
}

export interface BatchSource {
  next(n: number, frames: number, rng: Rng): Batch;
}

const FRAME_RATE = LOG_MEL.sampleRate / LOG_MEL.hop;
const STEP_RATE = FRAME_RATE / FRAMES_PER_BLOCK;

function allocate(n: number, frames: number, classes: number): Batch {
  return { n, frames, x: new Float32Array(n * frames * LOG_MEL.bands), y: new Float32Array((n * frames * classes) / FRAMES_PER_BLOCK) };
}

/**
 * Soundscapes from `clips` (all classes: those outside `classes` are distractors with no target)
 * over `beds` (mel power of unit-RMS beds, each at least as long as an example). Each event gets a
 * random equaliser and frequency scaling (`augment`); each example a
 * random ±6 dB level and up to two frequency masks (SpecAugment: up to 8 bands flattened to their
 * mean over time).
 */
export class SoundscapeBatches implements BatchSource {
  private readonly byClass = new Map<EventClass, SourceClip[]>();
  private readonly powers = new Map<SourceClip, Float32Array>();

  constructor(
    clips: Array<SourceClip & { power: Float32Array }>,
    private readonly beds: Float32Array[],
    private readonly classes: readonly EventClass[],
    private readonly options: SoundscapeOptions,
    private readonly augment: Omit<MelAugment, 'rng'>,
  ) {
    for (const c of clips) {
      if (!this.byClass.has(c.label)) this.byClass.set(c.label, []);
      this.byClass.get(c.label)!.push(c);
      this.powers.set(c, c.power);
    }
  }

  next(n: number, frames: number, rng: Rng): Batch {
    const batch = allocate(n, frames, this.classes.length);
    const perExample = frames * LOG_MEL.bands;
    for (let i = 0; i < n; i++) {
      const plan = planSoundscape(this.byClass, { ...this.options, durationS: frames / FRAME_RATE }, rng);
      const bed = rng.pick(this.beds);
      const bedFrames = bed.length / LOG_MEL.bands;
      const logMel = renderMelSoundscape(plan, (c) => this.powers.get(c)!, bed, rng.int(bedFrames - frames + 1), { rng, ...this.augment });
      maskBands(logMel, frames, rng);
      const shift = rng.uniform(-1.4, 1.4); // ±6 dB in natural-log power
      for (let j = 0; j < perExample; j++) batch.x[i * perExample + j] = logMel[j] + shift;
      batch.y.set(frameTargets(plan.events, this.classes, frames / FRAMES_PER_BLOCK, STEP_RATE), (i * frames * this.classes.length) / FRAMES_PER_BLOCK);
    }
    return batch;
  }
}

export interface AnnotatedRecording {
  /** [frames × bands] */
  logMel: Float32Array;
  events: readonly LabelledEvent[];
}

/** Random crops of long recordings (shorter ones are padded with silence). */
export class RecordingBatches implements BatchSource {
  private readonly targets: Float32Array[];

  constructor(
    private readonly recordings: readonly AnnotatedRecording[],
    private readonly classes: readonly EventClass[],
  ) {
    if (recordings.length === 0) throw new Error('no recordings to train on');
    this.targets = recordings.map((r) => frameTargets(r.events, classes, Math.ceil(r.logMel.length / LOG_MEL.bands / FRAMES_PER_BLOCK), STEP_RATE));
  }

  next(n: number, frames: number, rng: Rng): Batch {
    const k = this.classes.length;
    const steps = frames / FRAMES_PER_BLOCK;
    const batch = allocate(n, frames, k);
    batch.x.fill(Math.log(LOG_MEL.floor));
    for (let i = 0; i < n; i++) {
      const r = rng.int(this.recordings.length);
      const rec = this.recordings[r];
      const total = rec.logMel.length / LOG_MEL.bands;
      const startStep = rng.int(Math.max(1, Math.floor((total - frames) / FRAMES_PER_BLOCK) + 1));
      const from = startStep * FRAMES_PER_BLOCK;
      const count = Math.min(frames, total - from);
      batch.x.set(rec.logMel.subarray(from * LOG_MEL.bands, (from + count) * LOG_MEL.bands), i * frames * LOG_MEL.bands);
      const t = this.targets[r];
      const stepCount = Math.min(steps, t.length / k - startStep);
      batch.y.set(t.subarray(startStep * k, (startStep + stepCount) * k), i * steps * k);
    }
    return batch;
  }
}

/** Up to two blocks of up to 8 bands set to their own mean over time. */
function maskBands(logMel: Float32Array, frames: number, rng: Rng): void {
  const bands = LOG_MEL.bands;
  for (let m = rng.int(3); m > 0; m--) {
    const width = 1 + rng.int(8);
    const first = rng.int(bands - width);
    for (let b = first; b < first + width; b++) {
      let mean = 0;
      for (let f = 0; f < frames; f++) mean += logMel[f * bands + b];
      mean /= frames;
      for (let f = 0; f < frames; f++) logMel[f * bands + b] = mean;
    }
  }
}
