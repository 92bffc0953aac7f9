/**
 * The sound event detector as the app uses it: both models (verbal and non-verbal), fed 16 kHz mono
 * PCM in any chunk sizes. The shipped detectors are tagger heads over the frozen EfficientAT tagger
 * (one tagger run serves both); the paper's CBRNN reads its own log-mel front end, and a project may
 * pair one of each. Each push resolves to the 25 Hz frames that became final in both (per-class
 * activity and each detector's recurrent embedding: the "acoustic sound semantics" the valence model
 * reads), at most a chunk and its context behind the audio; `finish` flushes the rest, after which
 * `events()` post-processes the whole activity into events tagged with the model version. A session
 * may start mid-recording (`resumeFrame`) and then gives an uninterrupted session's frames.
 * The networks run on ONNX Runtime where it measured faster than TF.js (sed/onnx/), exported from
 * the loaded weights; the outputs agree to 1e-4 and the windows are the same.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventClass, EventGroup } from '../contract/domain.js';
import { decodeAudioChunks } from '../media/decode-audio.js';
import { initBackend } from '../ml/backend.js';
import { concatFloat32 } from '../util/float32.js';
import { LOG_MEL, LogMelStream, FRAMES_PER_BLOCK } from './frontend/log-mel.js';
import { StepsToFrames } from './head/steps.js';
import { FramePredictor, resumeOrigin, type BatchCompute } from './inference.js';
import { isHead, loadModel, type DetectorNet, type LoadedModel } from './model/model-io.js';
import { ONNX_FASTER, openDetectorOnnx, type OnnxDetector } from './onnx/detector-onnx.js';
import { activityToEvents, type DetectedEvent } from './postprocess.js';
import { AudioTagger, TAGGER, TaggerStream } from './tagger/tagger.js';

export const SED_RATE_HZ = LOG_MEL.sampleRate / LOG_MEL.hop / FRAMES_PER_BLOCK;
export const GROUPS: readonly EventGroup[] = ['verbal', 'nonverbal'];

/**
 * 25 Hz frames a resumed session feeds its front ends before their output matches an uninterrupted
 * one's: a fresh front end pads its start (the tagger's first window reaches half a step before it).
 */
const FRONT_END_SETTLE_FRAMES = 25;

/** 25 Hz frames per detector step: a tagger head's 0.48 s step spans 12, a CBRNN step is one frame. */
const framesPerStep = (model: DetectorNet) => (isHead(model) ? TAGGER.framesPerStep : 1);

/** What runs the networks: ONNX Runtime where it measured faster ('auto', the default), or one for both. */
export type DetectorRuntime = 'auto' | 'tfjs' | 'onnx';

export interface LoadOptions {
  runtime?: DetectorRuntime;
}

export interface SessionOptions {
  /** Frame of the recording where the session's audio starts (from `resumeFrame`); 0 by default. */
  startFrame?: number;
}

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
  private constructor(
    readonly models: Record<EventGroup, LoadedModel>,
    /** The frozen front end, loaded when a detector is a tagger head. */
    readonly tagger: AudioTagger | null,
    /** The networks opened in ONNX Runtime, one session per loaded model, shared by every detection session. */
    private readonly onnx: Partial<Record<EventGroup, OnnxDetector>>,
  ) {}

  /**
   * Both detectors, each from a folder or a model already in memory (default: the shipped one), and the
   * tagger they need; starts the TF.js backend if needed. Models handed in belong to the detector now.
   */
  static async load(sources: Partial<Record<EventGroup, string | LoadedModel>> = {}, { runtime = 'auto' }: LoadOptions = {}): Promise<SoundEventDetector> {
    await initBackend();
    const loaded: LoadedModel[] = [];
    const onnx: Partial<Record<EventGroup, OnnxDetector>> = {};
    try {
      for (const g of GROUPS) {
        const source = sources[g] ?? defaultModelDir(g);
        const m = typeof source === 'string' ? await loadModel(source) : source;
        loaded.push(m);
        if (m.model.config.group !== g) throw new Error(`${m.dir} holds the ${m.model.config.group} detector, expected the ${g} one`);
      }
      for (const [i, g] of GROUPS.entries()) {
        const model = loaded[i].model;
        if (runtime === 'onnx') onnx[g] = await openDetectorOnnx(model);
        else if (runtime === 'auto' && ONNX_FASTER[model.config.architecture]) {
          // A model ONNX Runtime cannot take still detects, on TF.js, as it did before the export existed.
          try {
            onnx[g] = await openDetectorOnnx(model);
          } catch (err) {
            console.warn(`the ${g} detector runs on TF.js: ${(err as Error).message.split('\n')[0]}`);
          }
        }
      }
      const tagger = loaded.some((m) => isHead(m.model)) ? await AudioTagger.load() : null;
      return new SoundEventDetector({ verbal: loaded[0], nonverbal: loaded[1] }, tagger, onnx);
    } catch (err) {
      const handedIn = Object.values(sources).filter((m): m is LoadedModel => typeof m === 'object');
      for (const m of new Set([...loaded, ...handedIn])) m.model.dispose();
      await Promise.allSettled(Object.values(onnx).map((o) => o.release()));
      throw err;
    }
  }

  session(options?: SessionOptions): DetectionSession {
    const compute = Object.fromEntries(Object.entries(this.onnx).map(([g, o]) => [g, o.compute]));
    return new DetectionSession(this.models, this.tagger, options, compute);
  }

  /** Which runtime runs each group's network. */
  get runtimes(): Record<EventGroup, 'tfjs' | 'onnx'> {
    return { verbal: this.onnx.verbal ? 'onnx' : 'tfjs', nonverbal: this.onnx.nonverbal ? 'onnx' : 'tfjs' };
  }

  /** Frames a session's start must be a multiple of: the tagger's step when a detector is a head. */
  get startGrid(): number {
    return this.tagger ? TAGGER.framesPerStep : 1;
  }

  /**
   * Where a session must start for its frames from `firstFrame` on to equal those of a session
   * started at 0 on the same audio: on `startGrid`, early enough that each detector's windows
   * (see resumeOrigin) and front end have settled; at most about 70 s early for the shipped heads.
   */
  resumeFrame(firstFrame: number): number {
    const starts = GROUPS.map((g) => {
      const model = this.models[g].model;
      const per = framesPerStep(model);
      // A head's frame interpolates between its own step and the one before.
      const firstStep = Math.max(0, Math.floor(firstFrame / per) - (per > 1 ? 1 : 0));
      return resumeOrigin(model, firstStep, Math.ceil(FRONT_END_SETTLE_FRAMES / per)) * per;
    });
    return Math.floor(Math.min(...starts) / this.startGrid) * this.startGrid;
  }

  dispose(): void {
    for (const g of GROUPS) this.models[g].model.dispose();
    // Releasing a session only frees memory; a failure there must not surface as an unhandled rejection.
    this.tagger?.release().catch(() => {});
    for (const o of Object.values(this.onnx)) o.release().catch(() => {});
  }
}

type Block = { count: number; activity: Float32Array; embedding: Float32Array };

export class DetectionSession {
  private readonly logMel: LogMelStream | null;
  private readonly tagged: TaggerStream | null;
  private readonly predictors: Record<EventGroup, FramePredictor>;
  private readonly toFrames: Partial<Record<EventGroup, StepsToFrames>> = {};
  /** Frames a detector has produced that the other has not yet: both are emitted in step. */
  private readonly waiting: Record<EventGroup, Block[]> = { verbal: [], nonverbal: [] };
  private readonly activity: Record<EventGroup, Float32Array[]> = { verbal: [], nonverbal: [] };
  private produced = 0;
  private samples = 0;
  private finished = false;

  constructor(
    private readonly models: Record<EventGroup, LoadedModel>,
    tagger: AudioTagger | null,
    { startFrame = 0 }: SessionOptions = {},
    /** Per group, the network's forward pass when it runs outside TF.js. */
    compute: Partial<Record<EventGroup, BatchCompute>> = {},
  ) {
    const heads = GROUPS.filter((g) => isHead(models[g].model));
    this.logMel = heads.length < GROUPS.length ? new LogMelStream() : null;
    this.tagged = heads.length > 0 ? new TaggerStream(tagger ?? fail('the tagger heads need the tagger')) : null;
    const predictor = (g: EventGroup) => {
      const model = models[g].model;
      if (startFrame % framesPerStep(model) !== 0) throw new Error(`a detection session cannot start at frame ${startFrame}: not on the detector's ${framesPerStep(model)}-frame step grid`);
      return new FramePredictor(model, { originStep: startFrame / framesPerStep(model), compute: compute[g] });
    };
    this.predictors = { verbal: predictor('verbal'), nonverbal: predictor('nonverbal') };
    for (const g of heads) this.toFrames[g] = new StepsToFrames(models[g].model.config.classes.length, 2 * models[g].model.config.gruUnits);
  }

  /** 16 kHz mono samples in; the 25 Hz frames completed so far out (often none). */
  async push(pcm: Float32Array): Promise<SedFrames> {
    if (this.finished) throw new Error('the detection session is finished');
    this.samples += pcm.length;
    const mel = this.logMel?.push(pcm) ?? null;
    const steps = this.tagged ? (await this.tagged.push(pcm)).features : null;
    for (const g of GROUPS) this.add(g, await this.predictors[g].pushAsync(this.input(g, mel, steps)), false);
    return this.emit();
  }

  async finish(): Promise<SedFrames> {
    if (this.finished) throw new Error('the detection session is finished');
    this.finished = true;
    const mel = this.logMel?.finish() ?? null;
    const steps = this.tagged ? (await this.tagged.finish()).features : null;
    for (const g of GROUPS) {
      const a = await this.predictors[g].pushAsync(this.input(g, mel, steps));
      const b = await this.predictors[g].finishAsync();
      this.add(g, { steps: a.steps + b.steps, activity: concatFloat32([a.activity, b.activity]), embedding: concatFloat32([a.embedding, b.embedding]) }, true);
    }
    return this.emit();
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

  private input(g: EventGroup, mel: Float32Array | null, steps: Float32Array | null): Float32Array {
    return (isHead(this.models[g].model) ? steps : mel) ?? new Float32Array(0);
  }

  /** A detector's outputs, as 25 Hz frames (a head's 0.48 s steps are spread over 12 frames each). */
  private add(g: EventGroup, out: { steps: number; activity: Float32Array; embedding: Float32Array }, last: boolean): void {
    const spread = this.toFrames[g];
    // The session's length in 25 Hz frames: one per four log-mel frames, as the CBRNN counts them.
    const total = Math.ceil(Math.ceil(this.samples / LOG_MEL.hop) / FRAMES_PER_BLOCK);
    const frames = spread ? spread.push(out.activity, out.embedding, last ? total : undefined) : { count: out.steps, ...out };
    if (frames.count > 0) this.waiting[g].push(frames);
  }

  /** Emits the frames both detectors have. */
  private emit(): SedFrames {
    const have = (g: EventGroup) => this.waiting[g].reduce((n, b) => n + b.count, 0);
    const count = this.finished ? Math.max(...GROUPS.map(have)) : Math.min(...GROUPS.map(have));
    if (this.finished && GROUPS.some((g) => have(g) !== count)) throw new Error('detectors fell out of step');
    const groups = {} as Record<EventGroup, GroupFrames>;
    for (const g of GROUPS) {
      const config = this.models[g].model.config;
      const k = config.classes.length;
      const dims = 2 * config.gruUnits;
      const all = { activity: concatFloat32(this.waiting[g].map((b) => b.activity)), embedding: concatFloat32(this.waiting[g].map((b) => b.embedding)) };
      const rest = have(g) - count;
      this.waiting[g] = rest > 0 ? [{ count: rest, activity: all.activity.slice(count * k), embedding: all.embedding.slice(count * dims) }] : [];
      const activity = all.activity.slice(0, count * k);
      this.activity[g].push(activity);
      groups[g] = { classes: config.classes, activity, embedding: all.embedding.slice(0, count * dims), dims };
    }
    const block = { start: this.produced, count, groups };
    this.produced += count;
    return block;
  }
}

function fail(message: string): never {
  throw new Error(message);
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
        const block = await session.push(chunk);
        if (block.count > 0) await o.onFrames?.(block);
        o.onProgress?.((session.frames * 1) / SED_RATE_HZ);
      },
      { sampleRate: LOG_MEL.sampleRate, chunkSamples: LOG_MEL.sampleRate * 30, signal: o.signal },
    );
    const last = await session.finish();
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
