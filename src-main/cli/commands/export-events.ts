/**
 * `export-events --project <file> --movie <id-or-path> --format dcase|audacity|eaf|textgrid|nova --out <path>`:
 * the film's events in another tool's format, through the app's own export (`events.export`). NOVA
 * writes <path> and its data <path>~.
 */
import { basename } from 'node:path';
import { badRequest } from '../../contract/errors.js';
import { parseCommandArgs } from '../args.js';
import { findMovie } from '../find-movie.js';
import { withProjectApi } from '../run-job.js';
import { writeFilesBeside } from '../write-files.js';
import { CLI_EVENT_FORMATS, fromCliFormat } from './event-format-names.js';

const USAGE = `valence-studio export-events --project <file> --movie <id-or-path> --format ${CLI_EVENT_FORMATS.join('|')} --out <path>`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { project: { type: 'string' }, movie: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } }, USAGE);
  const { project: path, movie: which, format: named, out } = values;
  if (!path || !which || !named || !out) throw badRequest(`--project, --movie, --format and --out are required\nusage: ${USAGE}`);
  const format = fromCliFormat(named, USAGE);
  const { files } = await withProjectApi(path, async (api) =>
    api.call('events.export', { movieId: findMovie(api.project.movies.list(), which, path).id, format, name: basename(out) }),
  );
  const written = writeFilesBeside(out, files);
  console.log(`wrote ${written.join(' and ')}`);
  return 0;
}
