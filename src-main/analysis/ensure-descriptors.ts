/**
 * The hook evaluation, training and prediction call for movies that lack descriptors: an analysis
 * without the valence stage, so inputs come from the same stages (and models) as Analyze, and stages
 * already complete are skipped.
 */
import type { EnsureDescriptors } from '../valence/evaluate-project.js';
import { analyzeMovie, type AnalyzeDeps } from './analyze-movie.js';

export function descriptorsByAnalysis(deps: AnalyzeDeps): EnsureDescriptors {
  return async (project, movieId, kinds, ctx) => {
    const title = project.movies.get(movieId).title;
    await analyzeMovie(project, { movieId, predict: false }, { ...ctx, progress: (_f, m) => ctx.progress(0, `${title} lacks ${kinds.join(', ')}: ${m ?? 'analysing'}`) }, deps);
  };
}
