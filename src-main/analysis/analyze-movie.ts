/**
 * Analyze: one job from a film to its event tracks and valence curve. The film is decoded once (one
 * ffmpeg: picture streams for the visual and motion stages, the soundtrack for the audio descriptors
 * and both sound event detectors), each stage storing its rows chunk by chunk; then the detectors' events and the valence prediction are made from what was stored. Stages whose
 * inputs and settings are unchanged are skipped, so a re-run redoes only what depends on a change, and
 * a run cut short resumes after the last complete chunk. A failing stage does not undo the others.
 * With more than one thread the heaviest stages run on worker threads fed by the same decode
 * (workers/stage-runner.ts says which); their rows come back here, and the main thread alone
 * writes the project.
 */
import { availableParallelism } from 'node:os';
import { VALENCE_RATE_HZ, type EventGroup, type Movie } from '../contract/domain.js';
import { AppError } from '../contract/errors.js';
import type { TaskContext } from '../util/task-context.js';
import { chooseThreads } from '../util/threads.js';
import { ANALYSIS_SAMPLE_RATE } from '../media/audio-rate.js';
import { decodeAudioChunks } from '../media/decode-audio.js';
import { decodeVideo } from '../media/decode-video.js';
import { GROUPS, type SoundEventDetector } from '../sed/detector.js';
import { taggerKind } from './tagger-features.js';
import type { Project } from '../store/project.js';
import type { StoredModelInfo } from '../store/repos/models.js';
import type { Backbone } from '../visual/backbone.js';
import { openPicturePath, type PicturePath, type PictureStage } from './picture-path.js';
import { UNMEASURED, type CpuMeter } from './workers/stage-cpu.js';
import { VISUAL_DEFAULTS } from '../visual/visual-settings.js';
import { predictMovie } from './valence/predict-movie.js';
import { openOnnxPredictor } from '../valence/onnx/onnx-predictor.js';
import type { ValenceModel } from '../valence/model/model.js';
import { openAudioPath, type AudioPath, type AudioPathResult } from './audio-path.js';
import { currentValenceModel, DEFAULT_MODEL_LABEL } from './default-valence-model.js';
import { staleForProject } from './detector-versions.js';
import { storeModelEvents } from './sed-descriptors.js';

export const ANALYSIS_STAGES = ['audio', 'sound events', 'visual', 'motion', 'valence'] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];
const PICTURE_STAGES: PictureStage[] = ['visual', 'motion'];

/** Rough share of the job's time per stage, for the overall bar and its estimate of the time left. */
const STAGE_WEIGHT: Record<AnalysisStage, number> = { audio: 0.2, 'sound events': 0.25, visual: 0.25, motion: 0.2, valence: 0.1 };

export interface AnalyzeDeps {
  loadDetector(): Promise<SoundEventDetector>;
  loadBackbone(): Promise<Backbone>;
  /** Where the bundled default valence model lives (tests point elsewhere). */
  defaultValenceDir?: string;
  /** Told each stage's CPU per thread (the benchmark's profile); unmeasured by default. */
  cpu?: CpuMeter;
}

export interface AnalyzeResult {
  stages: Record<AnalysisStage, string>;
  events: number | null;
  predictionSeriesId: number | null;
  valenceModel: { version: string; isDefault: boolean } | null;
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface AnalyzeParams {
  movieId: number;
  /** False when only the descriptors are wanted (evaluation and training compute their inputs so). */
  predict?: boolean;
  /** Threads for the stages fed by the decode (the main thread included); default the project's setting, else one per core; 1 runs them all on the main thread. */
  threads?: number;
}

export async function analyzeMovie(
  project: Project, { movieId, predict = true, threads: requested }: AnalyzeParams, ctx: TaskContext, deps: AnalyzeDeps,
): Promise<AnalyzeResult> {
  const threads = chooseThreads({ requested, setting: project.settings.get().threads, cores: availableParallelism() });
  const movie = project.movies.get(movieId);
  const progress = Object.fromEntries(ANALYSIS_STAGES.map((s) => [s, 0])) as Record<AnalysisStage, number>;
  const outcome = Object.fromEntries(ANALYSIS_STAGES.map((s) => [s, 'pending'])) as Record<AnalysisStage, string>;
  const report = (stage: AnalysisStage, fraction: number) => {
    progress[stage] = fraction;
    const overall = ANALYSIS_STAGES.reduce((sum, s) => sum + STAGE_WEIGHT[s] * progress[s], 0);
    ctx.progress(overall, `analysing: ${stage}`, { ...progress });
  };
  const settle = (stages: AnalysisStage[], what: string) => stages.forEach((s) => ((outcome[s] = what), report(s, 1)));
  const cpu = deps.cpu ?? UNMEASURED;

  let detector: SoundEventDetector | null = null;
  let backbone: Backbone | null = null;
  let events: number | null = null;
  try {
    try {
      detector = await cpu.timeAsync('loading models', () => deps.loadDetector());
    } catch (err) {
      settle(['sound events'], `failed: ${reason(err)}`);
    }
    const audio = openAudioPath(project, movie, detector, (f) => {
      report('audio', f);
      if (detector) report('sound events', f * 0.95);
    }, cpu);
    let picture: PicturePath | null = null;
    if (!movie.video) settle(['visual', 'motion'], 'skipped: the film has no picture');
    else {
      try {
        backbone = await cpu.timeAsync('loading models', () => deps.loadBackbone());
        picture = openPicturePath(project, movie.id, {
          backbone,
          visual: { ...VISUAL_DEFAULTS, rate: project.settings.get().visualRate },
          threads,
          cpu,
          signal: ctx.signal,
          onProgress: (f) => (report('visual', f), report('motion', f)),
        });
      } catch (err) {
        settle(['visual', 'motion'], `failed: ${reason(err)}`);
      }
    }
    const decoded = await decodeOnce(movie, audio, picture, ctx, (stages, err) => settle(stages, `failed: ${reason(err)}`));
    const audioSets = decoded.audio;
    if (audioSets) settle(['audio'], 'done');
    if (picture) settle(PICTURE_STAGES.filter((s) => outcome[s] === 'pending'), decoded.pictureNote ? `done: ${decoded.pictureNote}` : 'done');
    if (detector && audioSets?.sed) {
      events = 0;
      for (const g of GROUPS as EventGroup[]) events += storeModelEvents(project, movie.id, g, audioSets.sed[g].id, detector.models[g]);
      settle(['sound events'], `done: ${events} events`);
    }
  } finally {
    detector?.dispose();
    backbone?.dispose();
  }
  ctx.throwIfCancelled();

  let predictionSeriesId: number | null = null;
  const current = predict ? currentValenceModel(project, deps.defaultValenceDir) : null;
  if (!predict) settle(['valence'], 'skipped: descriptors only');
  else if (!current) settle(['valence'], 'skipped: no valence model (train one, or reinstall the bundled default)');
  else if (predictionUpToDate(project, movie.id, current.model.version)) settle(['valence'], `unchanged: ${current.model.version}${await staleNote(project, current.model)}`);
  else {
    try {
      // The decode is over: the prediction may take every thread it was given.
      const open = (model: ValenceModel) => openOnnxPredictor(model, { threads });
      const series = await cpu.timeAsync('valence', () => predictMovie(project, movie.id, current.model.id, { ...ctx, progress: (f) => report('valence', f) }, undefined, open));
      predictionSeriesId = series.id;
      if (current.isDefault) project.valence.rename(series.id, `${series.name}, ${DEFAULT_MODEL_LABEL}`);
      settle(['valence'], `done: ${current.model.version}${current.isDefault ? ' (bundled default, trained on the demo corpus)' : ''}${await staleNote(project, current.model)}`);
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      settle(['valence'], `failed: ${reason(err)}`);
    }
  }

  const failed = ANALYSIS_STAGES.filter((s) => outcome[s].startsWith('failed'));
  if (failed.length > 0) {
    const kept = ANALYSIS_STAGES.filter((s) => outcome[s].startsWith('done'));
    const detail = failed.map((s) => `${s} ${outcome[s]}`).join('; ');
    throw new AppError('bad_media', `${movie.title}: ${detail}${kept.length ? ` (kept: ${kept.join(', ')})` : ''}`);
  }
  return {
    stages: outcome,
    events,
    predictionSeriesId,
    valenceModel: current && { version: current.model.version, isDefault: current.isDefault },
  };
}

/** '; <warning>' when the valence model was trained on other detectors' output than this project's. */
async function staleNote(project: Project, model: StoredModelInfo): Promise<string> {
  const stale = await staleForProject(project, model);
  return stale ? `; ${stale}` : '';
}

/** A prediction by this model made after every descriptor set of the movie was (re)created (the tagger cache is no valence input). */
function predictionUpToDate(project: Project, movieId: number, version: string): boolean {
  const newestInput = project.descriptors
    .list(movieId)
    .filter((s) => s.kind !== taggerKind)
    .reduce((t, s) => (s.createdAt > t ? s.createdAt : t), '');
  return project.valence.list(movieId).some((p) => p.kind === 'prediction' && p.modelVersion === version && p.createdAt >= newestInput);
}

/**
 * One ffmpeg for the whole film when it has a picture (the soundtrack rides along on its own pipe),
 * starting at the earliest frame any stage still needs. Returns the audio sets, or null when the
 * audio stages failed, and a note when the picture ended before the sound and its last frame was
 * held; failures are reported per stage through `failed`, and complete chunks stay. A picture that
 * fails after the whole soundtrack was decoded does not take the audio stages with it.
 */
async function decodeOnce(
  movie: Movie,
  audio: AudioPath,
  picture: PicturePath | null,
  ctx: TaskContext,
  failed: (stages: AnalysisStage[], err: unknown) => void,
): Promise<{ audio: AudioPathResult | null; pictureNote: string | null }> {
  const needs = [audio.startFrame, picture?.firstNeeded ?? null].filter((n): n is number => n !== null);
  const start = needs.length ? Math.min(...needs) : 0;
  const audioRun = audio.begin(start);
  const pictureRun = picture && picture.firstNeeded !== null ? await picture.begin(start) : null;
  const audioStages: AnalysisStage[] = ['audio', 'sound events'];
  let heard = 0;
  const push = (chunk: Float32Array) => {
    ctx.throwIfCancelled();
    heard += chunk.length;
    return audioRun.push(chunk);
  };
  const from = start / VALENCE_RATE_HZ;
  let pictureNote: string | null = null;
  let pictureFailed = false;
  try {
    if (pictureRun) {
      const sound = audio.firstNeeded === null ? undefined : { sampleRate: ANALYSIS_SAMPLE_RATE, chunkSamples: ANALYSIS_SAMPLE_RATE * 4, onSamples: push };
      const { heldFrom } = await decodeVideo(movie.path, { pictures: pictureRun.pictures, sound, start: from, expectSeconds: movie.duration - from, signal: ctx.signal });
      if (heldFrom !== null) pictureNote = `the picture ends ${heldFrom > 0 ? 'at' : 'before'} ${(from + heldFrom).toFixed(1)} s; its last frame is held to the end of the sound (${movie.duration.toFixed(1)} s)`;
    } else if (audio.firstNeeded !== null) {
      await decodeAudioChunks(movie.path, push, { sampleRate: ANALYSIS_SAMPLE_RATE, chunkSamples: ANALYSIS_SAMPLE_RATE * 4, signal: ctx.signal, start: from });
    }
  } catch (err) {
    await pictureRun?.abandon();
    if (ctx.signal.aborted) throw err;
    const soundWhole = pictureRun !== null && (audio.firstNeeded === null || from + heard / ANALYSIS_SAMPLE_RATE >= movie.duration - 1);
    failed(soundWhole ? PICTURE_STAGES : [...audioStages, ...(pictureRun ? PICTURE_STAGES : [])], err);
    if (!soundWhole) return { audio: null, pictureNote: null };
    pictureFailed = true;
  }
  if (pictureRun && !pictureFailed) {
    try {
      const { failed: stageFailures } = await pictureRun.finish();
      for (const [stage, why] of Object.entries(stageFailures)) failed([stage as PictureStage], new Error(`${movie.title}: ${why}`));
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      failed(PICTURE_STAGES, err);
    }
  }
  try {
    return { audio: await audioRun.finish(), pictureNote };
  } catch (err) {
    failed(audioStages, err);
    return { audio: null, pictureNote };
  }
}
