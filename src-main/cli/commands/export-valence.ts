/**
 * `export-valence --project <file> --movie <id-or-path> --rater <name>|--mean --format <f> --out <path>`:
 * one rater's trace, or the raters' frame-wise mean over the frames at least one of them rated (the
 * label training uses by default), written with one sample per 25 Hz frame of the film. NOVA writes
 * <path> and its data <path>~.
 */
import { basename } from 'node:path';
import { badRequest } from '../../contract/errors.js';
import { isTraceFormat, TRACE_FORMATS } from '../../valence/formats/index.js';
import { parseCommandArgs } from '../args.js';
import { findMovie } from '../find-movie.js';
import { withProjectApi } from '../run-job.js';
import { writeFilesBeside } from '../write-files.js';

const USAGE = `valence-studio export-valence --project <file> --movie <id-or-path> --rater <name>|--mean --format ${TRACE_FORMATS.join('|')} --out <path>`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { project: { type: 'string' }, movie: { type: 'string' }, rater: { type: 'string' }, mean: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
    USAGE,
  );
  const { project: path, movie: which, rater, mean, format, out } = values;
  if (!path || !which || !format || !out) throw badRequest(`--project, --movie, --format and --out are required\nusage: ${USAGE}`);
  if ((rater === undefined) === !mean) throw badRequest(`name one rater with --rater, or export the raters' mean with --mean\nusage: ${USAGE}`);
  if (!isTraceFormat(format)) throw badRequest(`--format ${format}: expected one of ${TRACE_FORMATS.join(', ')}`);

  const { files, rater: who, frames, rated } = await withProjectApi(path, async (api) =>
    api.call('valence.exportTrace', { movieId: findMovie(api.project.movies.list(), which, path).id, rater, format, name: basename(out) }),
  );
  const written = writeFilesBeside(out, files);
  console.log(`wrote ${written.join(' and ')}: ${who}, ${frames} frames at 25 Hz, ${rated} rated`);
  return 0;
}
