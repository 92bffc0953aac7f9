/**
 * `agreement --project <file> --movie <id-or-path> [--json]`: inter-rater agreement of a film's
 * annotation traces over the frames every rater rated (see valence/stats/agreement.ts).
 */
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { COEFFICIENTS, type Agreement } from '../../valence/stats/agreement.js';
import { parseCommandArgs } from '../args.js';
import { findMovie } from '../find-movie.js';
import { withProjectApi } from '../run-job.js';

const USAGE = 'valence-studio agreement --project <file> --movie <id-or-path> [--json]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { project: { type: 'string' }, movie: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const { project: path, movie: which } = values;
  if (!path || !which) throw badRequest(`--project and --movie are required\nusage: ${USAGE}`);
  return withProjectApi(path, async (api) => {
    const movie = findMovie(api.project.movies.list(), which, path);
    const { rater_names: names, ...result } = await api.call('valence.agreement', { movieId: movie.id });
    console.log(values.json ? JSON.stringify({ ...result, rater_names: names }) : formatTable(`movie ${movie.id} (${movie.title})`, result, names));
    return 0;
  });
}

function formatTable(title: string, a: Agreement, names: readonly string[]): string {
  const seconds = (a.frames / VALENCE_RATE_HZ).toFixed(2);
  const head = `${title}: ${a.raters} rater${a.raters === 1 ? '' : 's'}${names.length ? ` (${names.join(', ')})` : ''}, ${a.frames} frames rated by all (${seconds} s)`;
  const width = Math.max(...COEFFICIENTS.map((c) => c.length)) + 2;
  const rows = COEFFICIENTS.map((c) => `${c.padEnd(width)}${(a[c] === null ? '–' : a[c].toFixed(4)).padStart(7)}`);
  const note = a.raters < 2 || a.frames < 2 ? ['(needs at least 2 raters and 2 frames they all rated)'] : [];
  return [head, ...rows, ...note].join('\n');
}
