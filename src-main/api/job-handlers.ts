/**
 * What each job kind runs on a project, and what it tells the UI when it is done. Heavy handlers are
 * loaded on first use: the models' runtimes are large and most sessions only edit.
 */
import type { ApiEvents } from '../contract/api.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { computeAudioDescriptors } from '../jobs/compute-audio-descriptors.js';
import { importMovie } from '../jobs/import-movie.js';
import { computeSpectrogram } from '../jobs/spectrogram.js';
import type { JobHandlers } from '../jobs/queue.js';
import type { Project } from '../store/project.js';
import type { TypedEmitter } from '../util/typed-emitter.js';

type Emit = TypedEmitter<ApiEvents>['emit'];

export function jobHandlers(project: Project, analyzeDeps: AnalyzeDeps, emit: Emit): JobHandlers {
  return {
    'import-movie': async (params, ctx) => {
      const movie = await importMovie(project, params, ctx);
      emit('movie.changed', { movieId: movie.id, what: 'movie' });
      return { movieId: movie.id };
    },
    'audio-descriptors': (params, ctx) => computeAudioDescriptors(project, params, ctx),
    spectrogram: async (params, ctx) => {
      const result = await computeSpectrogram(project, params, ctx);
      emit('movie.changed', { movieId: params.movieId, what: 'spectrogram' });
      return result;
    },
    analyze: async ({ movieId, threads }, ctx) => {
      const { analyzeMovie } = await import('../analysis/analyze-movie.js');
      try {
        return await analyzeMovie(project, { movieId, threads }, ctx, analyzeDeps);
      } finally {
        // Partial results of a failed or cancelled run are shown too.
        emit('movie.changed', { movieId, what: 'events' });
        emit('movie.changed', { movieId, what: 'valence' });
      }
    },
    'train-sed': async (params, ctx) => {
      const { trainDetectorsJob } = await import('../jobs/train-detectors.js');
      const result = await trainDetectorsJob(project, params, ctx);
      emit('project.changed', { what: 'models' });
      return result;
    },
    'train-valence': async (params, ctx) => {
      const { trainValenceJob } = await import('../jobs/train-valence.js');
      const result = await trainValenceJob(project, params, ctx, analyzeDeps);
      emit('project.changed', { what: 'models' });
      return result;
    },
    evaluate: async (params, ctx) => {
      const { evaluateValenceJob } = await import('../jobs/evaluate-valence.js');
      const result = await evaluateValenceJob(project, params, ctx, analyzeDeps);
      emit('project.changed', { what: 'reports' });
      return result;
    },
    predict: async (params, ctx) => {
      const { predictValenceJob } = await import('../jobs/predict-valence.js');
      try {
        return await predictValenceJob(project, params, ctx, analyzeDeps);
      } finally {
        emit('movie.changed', { movieId: params.movieId, what: 'valence' });
      }
    },
  };
}
