/**
 * `import-valence --project <file> --movie <id-or-path> [--rater <name>] [--format auto|…] <files…>`:
 * each file (for NOVA, `X.annotation` with its `X.annotation~`) becomes one rater's 25 Hz trace on
 * the film, replacing any trace that rater had; the whole import is one undoable step. One file is
 * rater --rater (default: its name less the extension); several are named by their file names.
 * It runs the app's own import (api/trace-files.ts): every file is checked before anything is
 * written, so a refusal leaves the project as it was.
 */
import { existsSync, readFileSync } from 'node:fs';
import { normalize } from 'node:path';
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { isTraceFormat, TRACE_FORMATS, type TraceFile } from '../../valence/formats/index.js';
import { parseCommandArgs } from '../args.js';
import { findMovie } from '../find-movie.js';
import { withProjectApi } from '../run-job.js';

const USAGE = `valence-studio import-valence --project <file> --movie <id-or-path> [--rater <name>] [--format auto|${TRACE_FORMATS.join('|')}] <files…>`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { project: { type: 'string' }, movie: { type: 'string' }, rater: { type: 'string' }, format: { type: 'string', default: 'auto' } },
    USAGE,
  );
  const { project: path, movie: which, format, rater } = values;
  if (!path || !which || positionals.length === 0) throw badRequest(`--project, --movie and at least one file are required\nusage: ${USAGE}`);
  if (format !== 'auto' && !isTraceFormat(format)) throw badRequest(`--format ${format}: expected auto, ${TRACE_FORMATS.join(', ')}`);
  const files = readFiles(positionals);
  return withProjectApi(path, async (api) => {
    const movie = findMovie(api.project.movies.list(), which, path);
    const { imported } = await api.call('valence.importTraces', { movieId: movie.id, format: format as 'auto', rater, files });
    for (const t of imported) {
      const cut = t.cut ? "; ratings past the film's end dropped" : '';
      console.log(
        `${t.replaced ? 'replaced' : 'attached'} ${t.rater}'s trace on movie ${movie.id} from ${t.file}: ${t.frames} frames, ${t.rated} rated (${(t.rated / VALENCE_RATE_HZ).toFixed(2)} s of ${movie.duration.toFixed(2)} s)${cut}`,
      );
    }
    return 0;
  });
}

/** The named files, and beside each NOVA header its data file when that was not named too. */
function readFiles(paths: string[]): TraceFile[] {
  const names = paths.map((p) => normalize(p));
  for (const n of [...names]) if (/\.annotation$/i.test(n) && existsSync(`${n}~`) && !names.includes(`${n}~`)) names.push(`${n}~`);
  return [...new Set(names)].map((name) => {
    try {
      return { name, text: readFileSync(name, 'utf8') };
    } catch {
      throw badRequest(`cannot read annotation file ${name}`);
    }
  });
}
