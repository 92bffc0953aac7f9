/**
 * The hook evaluation, training and prediction call for each movie before reading its descriptors: an
 * analysis without the valence stage, so inputs come from the same stages (and models) as Analyze.
 * Stages already complete with the current models and settings are skipped (about a second for a film
 * that is up to date); sets from a retrained detector or a changed backbone are recomputed. A film
 * whose file is gone keeps its stored sets.
 */
import { existsSync } from 'node:fs';
import type { EnsureDescriptors } from './valence/valence-inputs.js';
import { analyzeMovie, type AnalyzeDeps } from './analyze-movie.js';

export function descriptorsByAnalysis(deps: AnalyzeDeps): EnsureDescriptors {
  return async (project, movieId, kinds, ctx) => {
    const { title, path } = project.movies.get(movieId);
    if (kinds.length === 0 && !existsSync(path)) return;
    await analyzeMovie(project, { movieId, predict: false }, { ...ctx, progress: (_f, m) => ctx.progress(0, `${title}${kinds.length ? ` lacks ${kinds.join(', ')}` : ''}: ${m ?? 'analysing'}`) }, deps);
  };
}
