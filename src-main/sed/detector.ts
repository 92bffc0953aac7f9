/**
 * The sound event detector as the app uses it: both models (verbal and non-verbal) over one
 * log-mel front end, fed 16 kHz mono PCM in any chunk sizes. Each push returns the 25 Hz frames
 * that became final (per-class activity and the BiGRU embedding of each detector: the "acoustic
 * sound semantics" the valence model reads); `finish` flushes the rest, after which `events()`
 * post-processes the whole activity into events tagged with the model version.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventClass, EventGroup } from '../contract/domain.js';
import { decodeAudioChunks } from '../media/decode-audio.js';
import { initBackend } from '../ml/backend.js';
import { concatFloat32 } from '../util/float32.js';
import { LOG_MEL, LogMelStream, FRAMES_PER_BLOCK } from './frontend/log-mel.js';
import { FramePredictor, type PredictorOptions } from './inference.js';
import { loadModel, type LoadedModel } from './model/model-io.js';
import { activityToEvents, type DetectedEvent } from './postprocess.js';

export const SED_RATE_HZ = LOG_MEL.sampleRate / LOG_MEL.hop / FRAMES_PER_BLOCK;
export const GROUPS: readonly EventGroup[] = ['verbal', 'nonverbal'];

/** resources/models/sed-<group> of this checkout or installation. */
export function defaultModelDir(group: EventGroup): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'models', `sed-${group}`);
}

export interface GroupFrames {
  classes: EventClass[];
  /** [count × classes] */
  activity: Float32Array;
  /** [count × dims] */
  embedding: Float32Array;
  dims: number;
}

export interface SedFrames {
  /** Index of the first 25 Hz frame in this block. */
  start: number;
  count: number;
  groups: Record<EventGroup, GroupFrames>;
}

export interface ModelEvent extends DetectedEvent {
  label: EventClass;
  group: EventGroup;
  modelVersion: string;
}

export class SoundEventDetector {
  private constructor(readonly models: Record<EventGroup, LoadedModel>) {}

  /** Loads both detectors (default: the shipped models); starts the TF.js backend if needed. */
  static async load(dirs: Partial<Record<EventGroup, string>> = {}): Promise<SoundEventDetector> {
    await initBackend();
    const verbal = await loadModel(dirs.verbal ?? defaultModelDir('verbal'));
    try {
      const nonverbal = await loadModel(dirs.nonverbal ?? defaultModelDir('nonverbal'));
      for (const [group, m] of [['verbal', verbal], ['nonverbal', nonverbal]] as const) {
        if (m.model.config.group !== group) throw new Error(`${m.dir} holds the ${m.model.config.group} detector, expected the ${group} one`);
      }
      return new SoundEventDetector({ verbal, nonverbal });
    } catch (err) {
      verbal.model.dispose();
      throw err;
    }
  }

  session(options?: PredictorOptions): DetectionSession {
    return new DetectionSession(this.models, options);
  }

  dispose(): void {
    for (const g of GROUPS) this.models[g].model.dispose();
  }
}

export class DetectionSession {
  private readonly frontEnd = new LogMelStream();
  private readonly predictors: Record<EventGroup, FramePredictor>;
  private readonly activity: Record<EventGroup, Float32Array[]> = { verbal: [], nonverbal: [] };
  private produced = 0;
  private finished = false;

  constructor(
    private readonly models: Record<EventGroup, LoadedModel>,
    options?: PredictorOptions,
  ) {
    this.predictors = { verbal: new FramePredictor(models.verbal.model, options), nonverbal: new FramePredictor(models.nonverbal.model, options) };
  }

  /** 16 kHz mono samples in; the 25 Hz frames completed so far out (often none). */
  push(pcm: Float32Array): SedFrames {
    if (this.finished) throw new Error('the detection session is finished');
    const mel = this.frontEnd.push(pcm);
    return this.collect((g) => this.predictors[g].push(mel));
  }

  finish(): SedFrames {
    if (this.finished) throw new Error('the detection session is finished');
    this.finished = true;
    const mel = this.frontEnd.finish();
    return this.collect((g) => {
      const a = this.predictors[g].push(mel);
      const b = this.predictors[g].finish();
      return { steps: a.steps + b.steps, activity: concatFloat32([a.activity, b.activity]), embedding: concatFloat32([a.embedding, b.embedding]) };
    });
  }

  /** Frames produced so far. */
  get frames(): number {
    return this.produced;
  }

  /** Events from all activity so far (call after finish for the whole recording). */
  events(): ModelEvent[] {
    const out: ModelEvent[] = [];
    for (const g of GROUPS) {
      const { model, meta } = this.models[g];
      const activity = concatFloat32(this.activity[g]);
      for (const e of activityToEvents(activity, model.config.classes, SED_RATE_HZ, meta.postprocess)) {
        out.push({ ...e, label: e.label as EventClass, group: g, modelVersion: meta.version });
      }
    }
    return out.sort((a, b) => a.onset - b.onset || a.label.localeCompare(b.label));
  }

  private collect(run: (g: EventGroup) => { steps: number; activity: Float32Array; embedding: Float32Array }): SedFrames {
    const outs = { verbal: run('verbal'), nonverbal: run('nonverbal') };
    const count = outs.verbal.steps;
    if (outs.nonverbal.steps !== count) throw new Error('detectors fell out of step');
    const groups = {} as Record<EventGroup, GroupFrames>;
    for (const g of GROUPS) {
      const config = this.models[g].model.config;
      this.activity[g].push(outs[g].activity);
      groups[g] = { classes: config.classes, activity: outs[g].activity, embedding: outs[g].embedding, dims: 2 * config.gruUnits };
    }
    const block = { start: this.produced, count, groups };
    this.produced += count;
    return block;
  }
}

export interface DetectFileOptions {
  detector?: SoundEventDetector;
  signal?: AbortSignal;
  /** Every block of final frames as it is produced (store embeddings here; they are not kept). */
  onFrames?: (frames: SedFrames) => void | Promise<void>;
  /** Seconds of audio decoded so far. */
  onProgress?: (seconds: number) => void;
}

export interface DetectFileResult {
  durationS: number;
  frames: number;
  events: ModelEvent[];
  modelVersions: Record<EventGroup, string>;
}

/** Decodes any audio or video file's soundtrack and runs both detectors over it. */
export async function detectFile(audioPath: string, o: DetectFileOptions = {}): Promise<DetectFileResult> {
  const detector = o.detector ?? (await SoundEventDetector.load());
  try {
    const session = detector.session();
    const samples = await decodeAudioChunks(
      audioPath,
      async (chunk) => {
        const block = session.push(chunk);
        if (block.count > 0) await o.onFrames?.(block);
        o.onProgress?.((session.frames * 1) / SED_RATE_HZ);
      },
      { sampleRate: LOG_MEL.sampleRate, chunkSamples: LOG_MEL.sampleRate * 30, signal: o.signal },
    );
    const last = session.finish();
    if (last.count > 0) await o.onFrames?.(last);
    return {
      durationS: samples / LOG_MEL.sampleRate,
      frames: session.frames,
      events: session.events(),
      modelVersions: { verbal: detector.models.verbal.meta.version, nonverbal: detector.models.nonverbal.meta.version },
    };
  } finally {
    if (!o.detector) detector.dispose();
  }
}
