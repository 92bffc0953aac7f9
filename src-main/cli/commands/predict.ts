/**
 * `predict --project <file> --model <version-or-id> --movie <id-or-path>`: runs a stored valence model
 * over a movie and stores the 7-class probabilities and expected valence per frame as a prediction.
 */
import { resolve } from 'node:path';
import { badRequest, notFound } from '../../contract/errors.js';
import { standaloneContext } from '../../util/task-context.js';
import { initBackend } from '../../ml/backend.js';
import { descriptorsByAnalysis } from '../../analysis/ensure-descriptors.js';
import { projectAnalyzeDeps } from '../../analysis/project-deps.js';
import { Project } from '../../store/project.js';
import { interruptSignal } from '../../valence/cli-options.js';
import { predictMovie } from '../../valence/predict-movie.js';
import { staleForProject } from '../../analysis/detector-versions.js';
import { holdingProject } from '../hold-project.js';
import { parseCommandArgs } from '../args.js';
import { progressPrinter } from '../progress.js';

const USAGE = 'valence-studio predict --project <file> --model <version-or-id> --movie <id-or-path>';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { project: { type: 'string' }, model: { type: 'string' }, movie: { type: 'string' } }, USAGE);
  if (!values.project || !values.model || !values.movie) throw badRequest(`--project, --model and --movie are required\nusage: ${USAGE}`);
  const projectPath = resolve(values.project);
  const project = Project.open(projectPath, { create: false });
  try {
    const movies = project.movies.list();
    const movie = /^\d+$/.test(values.movie) ? movies.find((m) => m.id === Number(values.movie)) : movies.find((m) => m.path === resolve(values.movie!));
    if (!movie) throw notFound(`no movie '${values.movie}' in ${values.project}`);
    await initBackend();
    const model = /^\d+$/.test(values.model) ? Number(values.model) : values.model;
    const series = await holdingProject(projectPath, () =>
      predictMovie(project, movie.id, model, standaloneContext(progressPrinter('predict'), interruptSignal()), descriptorsByAnalysis(projectAnalyzeDeps(project))),
    );
    process.stderr.write('\n');
    console.log(`stored prediction series ${series.id} for movie ${movie.id} (${movie.title}): ${series.length} frames, model ${series.modelVersion}`);
    const used = series.modelVersion ? project.models.byVersion(series.modelVersion) : null;
    const stale = used && (await staleForProject(project, used));
    if (stale) console.error(`warning: model ${series.modelVersion} was ${stale}`);
    return 0;
  } finally {
    project.close();
  }
}
