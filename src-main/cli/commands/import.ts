/**
 * `import --project <file> <movie>`: the same import the app runs, with progress on stderr. The movie
 * is checked before the project is opened, so a bad file never creates or touches a project.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { badRequest } from '../../contract/errors.js';
import { importMovie, preflightImport } from '../../jobs/import-movie.js';
import { standaloneContext } from '../../util/task-context.js';
import { Project } from '../../store/project.js';
import { holdingProject } from '../hold-project.js';
import { parseCommandArgs } from '../args.js';
import { progressPrinter } from '../progress.js';

const USAGE = 'valence-studio import --project <file> <movie>';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { project: { type: 'string' } }, USAGE);
  if (!values.project) throw badRequest(`--project is required\nusage: ${USAGE}`);
  if (positionals.length !== 1) throw badRequest(`give exactly one movie file\nusage: ${USAGE}`);
  const projectPath = resolve(values.project);
  const moviePath = resolve(positionals[0]);
  // Refuse a bad project first, without creating anything, then a bad movie.
  const project = existsSync(projectPath) ? Project.open(projectPath, { create: false }) : null;
  try {
    await preflightImport(moviePath);
    const target = project ?? Project.open(projectPath);
    const movie = await holdingProject(projectPath, () => importMovie(target, { path: moviePath }, standaloneContext(progressPrinter('import'))));
    process.stderr.write('\n');
    console.log(`imported movie ${movie.id}: ${movie.title} (${movie.duration.toFixed(2)} s${movie.video ? `, ${movie.video.width}×${movie.video.height}` : ', audio only'})`);
    if (!project) target.close();
    return 0;
  } finally {
    project?.close();
  }
}

