/**
 * `predict --project <file> --model <version-or-id> --movie <id-or-path>`: runs a stored valence model
 * over a movie and stores the 7-class probabilities and expected valence per frame as a prediction.
 */
import { badRequest } from '../../contract/errors.js';
import { parseCommandArgs } from '../args.js';
import { findMovie } from '../find-movie.js';
import { runJob, withProjectApi } from '../run-job.js';

const USAGE = 'valence-studio predict --project <file> --model <version-or-id> --movie <id-or-path>';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { project: { type: 'string' }, model: { type: 'string' }, movie: { type: 'string' } }, USAGE);
  const { project, model, movie: which } = values;
  if (!project || !model || !which) throw badRequest(`--project, --model and --movie are required\nusage: ${USAGE}`);
  const { movie, prediction } = await withProjectApi(project, async (api) => {
    const movie = findMovie(api.project.movies.list(), which, project);
    const params = { movieId: movie.id, model: /^\d+$/.test(model) ? Number(model) : model };
    return { movie, prediction: await runJob(api, 'predict', () => api.jobs.enqueue('predict', params)) };
  });
  process.stderr.write('\n');
  console.log(`stored prediction series ${prediction.seriesId} for movie ${movie.id} (${movie.title}): ${prediction.frames} frames, model ${prediction.modelVersion}`);
  if (prediction.stale) console.error(`warning: model ${prediction.modelVersion} was ${prediction.stale}`);
  return 0;
}
