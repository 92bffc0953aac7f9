/** Which film a job row is about, in words: jobs of one film carry its id; an import names its file until it has one. */
import type { Job } from '../../../src-main/contract/jobs.js';

/** The film a job works on, once it has one (an import knows its film only when done). */
export function jobFilmId(job: Job): number | null {
  const movieId = (job.params as { movieId?: unknown }).movieId ?? (job.result as { movieId?: unknown } | null)?.movieId;
  return typeof movieId === 'number' ? movieId : null;
}

export function jobFilm(job: Job, titles: ReadonlyMap<number, string>): string | null {
  const params = job.params as { path?: string };
  const movieId = jobFilmId(job);
  if (movieId !== null) return titles.get(movieId) ?? `film ${movieId} (removed)`;
  return params.path ? (params.path.split(/[\\/]/).pop() ?? null) : null;
}
