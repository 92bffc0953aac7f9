/**
 * `import-events --project <file> --movie <id-or-path> [--format auto|dcase|audacity|eaf|textgrid|nova] <file>`:
 * an event list from another tool becomes a new track of imported events, one undoable step. It runs
 * the app's own import (`events.import`), which checks the whole file before writing, so a refusal
 * leaves the project as it was. Files are decoded by byte-order mark (Praat writes UTF-16); a NOVA
 * header brings its `~` data file along.
 */
import { existsSync, readFileSync } from 'node:fs';
import { normalize } from 'node:path';
import type { EventListFormat } from '../../contract/api.js';
import { badRequest } from '../../contract/errors.js';
import { novaDataName, skippedNote } from '../../events/formats/index.js';
import { decodeText } from '../../util/decode-text.js';
import { parseCommandArgs } from '../args.js';
import { findMovie } from '../find-movie.js';
import { withProjectApi } from '../run-job.js';
import { CLI_EVENT_FORMATS, fromCliFormat } from './event-format-names.js';

const USAGE = `valence-studio import-events --project <file> --movie <id-or-path> [--format auto|${CLI_EVENT_FORMATS.join('|')}] <file>`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { project: { type: 'string' }, movie: { type: 'string' }, format: { type: 'string', default: 'auto' } },
    USAGE,
  );
  const { project: path, movie: which, format: named } = values;
  if (!path || !which || positionals.length === 0) throw badRequest(`--project, --movie and a file are required\nusage: ${USAGE}`);
  const format: EventListFormat | 'auto' = named === 'auto' ? 'auto' : fromCliFormat(named ?? '', USAGE);
  const files = readFiles(positionals);
  return withProjectApi(path, async (api) => {
    const movie = findMovie(api.project.movies.list(), which, path);
    const { imported, skipped } = await api.call('events.import', { movieId: movie.id, format, files });
    console.log(`imported ${imported} events onto movie ${movie.id} from ${files.map((f) => f.name).join(' and ')}`);
    if (skipped.count > 0) console.log(skippedNote(skipped));
    return 0;
  });
}

function readFiles(paths: string[]): Array<{ name: string; text: string }> {
  const names = paths.map((p) => normalize(p));
  for (const n of [...names]) if (/\.annotation$/i.test(n) && existsSync(novaDataName(n)) && !names.includes(novaDataName(n))) names.push(novaDataName(n));
  return [...new Set(names)].map((name) => {
    try {
      return { name, text: decodeText(readFileSync(name)) };
    } catch {
      throw badRequest(`cannot read event file ${name}`);
    }
  });
}
