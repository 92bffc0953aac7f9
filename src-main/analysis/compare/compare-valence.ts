/**
 * Two valence models on every labelled film (or the one asked for), the label being the mean of all
 * raters: Acc and Acc±1 film by film and pooled over the frames of the films both could be scored on.
 * A film one of them cannot read (a modality it lacks, other descriptor sizes) is listed with the
 * reason instead of failing the comparison.
 */
import type { ValenceComparison } from '../../contract/compare.js';
import { AppError, badRequest } from '../../contract/errors.js';
import { ALL_RATERS } from '../../contract/traces.js';
import { describeLabels } from '../../valence/training/settings.js';
import type { Project } from '../../store/project.js';
import type { TaskContext } from '../../util/task-context.js';
import { accuracy, accuracyWithin1, emptyConfusion, type Confusion } from '../../valence/stats/metrics.js';
import { labelledMovieIds } from '../valence/valence-inputs.js';
import { confusionOnFilm, type ValenceSnapshot } from '../valence/valence-guard.js';

export type ValenceFigures = Omit<ValenceComparison, 'a' | 'b'>;

const scores = (m: Confusion) => ({ acc: accuracy(m), acc1: accuracyWithin1(m) });
const frames = (m: Confusion) => m.flat().reduce((a, b) => a + b, 0);
const add = (into: Confusion, m: Confusion) => m.forEach((row, i) => row.forEach((x, j) => (into[i][j] += x)));

/** The labelled films to score on; refused with one line when there are none. */
export function labelledFilms(project: Project, movieId?: number): number[] {
  const labelled = labelledMovieIds(project, ALL_RATERS);
  if (movieId === undefined) {
    if (labelled.length === 0) throw badRequest('no film has a valence rating to compare on; rate one or import ratings first');
    return labelled;
  }
  const movie = project.movies.get(movieId);
  if (!labelled.includes(movie.id)) throw badRequest(`film ${movie.id} (${movie.title}) has no valence rating to compare on; rate it or import ratings first`);
  return [movie.id];
}

/** The model's confusion on the film, or why it cannot be scored there. */
async function scoreOrReason(project: Project, model: ValenceSnapshot, movieId: number, ctx: TaskContext): Promise<Confusion | string> {
  try {
    return await confusionOnFilm(project, model, movieId, ALL_RATERS, ctx);
  } catch (err) {
    if (!(err instanceof AppError) || ctx.signal.aborted) throw err;
    return `${model.version}: ${err.message}`;
  }
}

export async function compareValence(project: Project, models: [ValenceSnapshot, ValenceSnapshot], movieIds: number[], ctx: TaskContext): Promise<ValenceFigures> {
  const pooled: [Confusion, Confusion] = [emptyConfusion(), emptyConfusion()];
  const films: ValenceFigures['films'] = [];
  const skipped: ValenceFigures['skipped'] = [];
  for (const movieId of movieIds) {
    const film = { movieId, title: project.movies.get(movieId).title };
    const [a, b] = [await scoreOrReason(project, models[0], movieId, ctx), await scoreOrReason(project, models[1], movieId, ctx)];
    if (typeof a === 'string' || typeof b === 'string') {
      skipped.push({ ...film, reason: [a, b].filter((x) => typeof x === 'string').join('; ') });
      continue;
    }
    add(pooled[0], a);
    add(pooled[1], b);
    films.push({ ...film, frames: frames(a), a: scores(a), b: scores(b) });
  }
  if (films.length === 0) throw badRequest(`no labelled film could be scored with both models: ${skipped.map((s) => `${s.title}: ${s.reason}`).join('; ')}`);
  return {
    role: 'valence',
    metric: 'Acc',
    labels: describeLabels(ALL_RATERS),
    overall: { a: scores(pooled[0]), b: scores(pooled[1]), frames: frames(pooled[0]) },
    films,
    skipped,
  };
}
