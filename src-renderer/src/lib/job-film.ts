/** Which film a job row is about, in words: jobs of one film carry its id; an import names its file until it has one. */
import type { Job } from '../../../src-main/contract/jobs.js';

export function jobFilm(job: Job, titles: ReadonlyMap<number, string>): string | null {
  const params = job.params as { movieId?: number; path?: string };
  const movieId = params.movieId ?? (job.result as { movieId?: number } | null)?.movieId;
  if (typeof movieId === 'number') return titles.get(movieId) ?? `film ${movieId} (removed)`;
  return params.path ? (params.path.split(/[\\/]/).pop() ?? null) : null;
}
