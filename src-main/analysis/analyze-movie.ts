/**
 * Analyze: one job from a film to its event tracks and valence curve. The soundtrack is decoded once
 * for the audio descriptors and both sound event detectors, the picture once for the visual and
 * motion descriptors (the two decodes run side by side), each stage storing its rows chunk by chunk;
 * then the detectors' events and the valence prediction are made from what was stored. Stages whose
 * inputs and settings are unchanged are skipped, so a re-run redoes only what depends on a change, and
 * a run cut short resumes after the last complete chunk. A failing stage does not undo the others.
 */
import type { EventGroup } from '../contract/domain.js';
import { AppError } from '../contract/errors.js';
import type { JobContext } from '../jobs/job-types.js';
import { GROUPS, type SoundEventDetector } from '../sed/detector.js';
import type { Project } from '../store/project.js';
import type { Backbone } from '../visual/backbone.js';
import { analyzePicture } from '../visual/analyze-picture.js';
import { predictMovie } from '../valence/predict-movie.js';
import { runAudioPath } from './audio-path.js';
import { currentValenceModel, DEFAULT_MODEL_LABEL } from './default-valence-model.js';
import { storeModelEvents } from './sed-descriptors.js';

export const ANALYSIS_STAGES = ['audio', 'sound events', 'visual', 'motion', 'valence'] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

/** Share of the whole job's time each stage takes on a typical film (measured; see README). */
const STAGE_WEIGHT: Record<AnalysisStage, number> = { audio: 0.2, 'sound events': 0.25, visual: 0.25, motion: 0.2, valence: 0.1 };

export interface AnalyzeDeps {
  loadDetector(): Promise<SoundEventDetector>;
  loadBackbone(): Promise<Backbone>;
}

export interface AnalyzeResult {
  stages: Record<AnalysisStage, string>;
  events: number | null;
  predictionSeriesId: number | null;
  valenceModel: { version: string; isDefault: boolean } | null;
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function analyzeMovie(project: Project, { movieId }: { movieId: number }, ctx: JobContext, deps: AnalyzeDeps): Promise<AnalyzeResult> {
  const movie = project.movies.get(movieId);
  const progress = Object.fromEntries(ANALYSIS_STAGES.map((s) => [s, 0])) as Record<AnalysisStage, number>;
  const outcome = Object.fromEntries(ANALYSIS_STAGES.map((s) => [s, 'pending'])) as Record<AnalysisStage, string>;
  const report = (stage: AnalysisStage, fraction: number) => {
    progress[stage] = fraction;
    const overall = ANALYSIS_STAGES.reduce((sum, s) => sum + STAGE_WEIGHT[s] * progress[s], 0);
    ctx.progress(overall, `analysing: ${stage}`, { ...progress });
  };
  const settle = (stages: AnalysisStage[], what: string) => stages.forEach((s) => ((outcome[s] = what), report(s, 1)));

  const soundtrack = async () => {
    let detector: SoundEventDetector | null = null;
    try {
      detector = await deps.loadDetector();
    } catch (err) {
      settle(['sound events'], `failed: ${reason(err)}`);
    }
    try {
      const { sed } = await runAudioPath(project, movie, detector, ctx, (f) => {
        report('audio', f);
        if (detector) report('sound events', f * 0.95);
      });
      settle(['audio'], 'done');
      if (detector && sed) {
        let events = 0;
        for (const g of GROUPS as EventGroup[]) events += storeModelEvents(project, movie.id, g, sed[g].id, detector.models[g]);
        settle(['sound events'], `done: ${events} events`);
        return events;
      }
      return null;
    } finally {
      detector?.dispose();
    }
  };

  const picture = async () => {
    if (!movie.video) return settle(['visual', 'motion'], 'skipped: the film has no picture');
    const backbone = await deps.loadBackbone();
    try {
      await analyzePicture(project, movie.id, {
        backbone,
        signal: ctx.signal,
        onProgress: (f) => {
          report('visual', f);
          report('motion', f);
        },
      });
      settle(['visual', 'motion'], 'done');
    } finally {
      backbone.dispose();
    }
  };

  const [audio, pic] = await Promise.allSettled([soundtrack(), picture()]);
  ctx.throwIfCancelled();
  if (audio.status === 'rejected') settle(['audio', ...(outcome['sound events'] === 'pending' ? (['sound events'] as const) : [])], `failed: ${reason(audio.reason)}`);
  if (pic.status === 'rejected') settle(['visual', 'motion'], `failed: ${reason(pic.reason)}`);

  let predictionSeriesId: number | null = null;
  const current = currentValenceModel(project);
  if (!current) settle(['valence'], 'skipped: no valence model (train one, or reinstall the bundled default)');
  else if (predictionUpToDate(project, movie.id, current.model.version)) settle(['valence'], `unchanged: ${current.model.version}`);
  else {
    try {
      const series = await predictMovie(project, movie.id, current.model.id, {
        ...ctx,
        progress: (f) => report('valence', f),
      });
      predictionSeriesId = series.id;
      if (current.isDefault) project.valence.rename(series.id, `${series.name}, ${DEFAULT_MODEL_LABEL}`);
      settle(['valence'], `done: ${current.model.version}${current.isDefault ? ' (bundled default, trained on the demo corpus)' : ''}`);
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
    events: audio.status === 'fulfilled' ? audio.value : null,
    predictionSeriesId,
    valenceModel: current && { version: current.model.version, isDefault: current.isDefault },
  };
}

/** A prediction by this model made after every descriptor set of the movie was (re)created. */
function predictionUpToDate(project: Project, movieId: number, version: string): boolean {
  const newestInput = project.descriptors.list(movieId).reduce((t, s) => (s.createdAt > t ? s.createdAt : t), '');
  return project.valence.list(movieId).some((p) => p.kind === 'prediction' && p.modelVersion === version && p.createdAt >= newestInput);
}
