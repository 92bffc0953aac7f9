/** `import-valence --project <file> --movie <id-or-path> <annotation files…>`: attach a mean COGNIMUSE trace. */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { badRequest, notFound } from '../../contract/errors.js';
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import { Project } from '../../store/project.js';
import { meanTrace, parseCognimuse } from '../../valence/data/cognimuse.js';
import { parseCommandArgs } from '../args.js';

const USAGE = 'valence-studio import-valence --project <file> --movie <id-or-path> <annotation files…>';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { project: { type: 'string' }, movie: { type: 'string' } }, USAGE);
  if (!values.project || !values.movie || positionals.length === 0) throw badRequest(`--project, --movie and at least one file are required\nusage: ${USAGE}`);
  // Parse everything before touching the project: one bad line imports nothing.
  const traces = positionals.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      throw badRequest(`cannot read annotation file ${f}`);
    }
    return parseCognimuse(text, basename(f));
  });
  const trace = meanTrace(traces);
  const project = Project.open(resolve(values.project), { create: false });
  try {
    const movies = project.movies.list();
    const movie = /^\d+$/.test(values.movie)
      ? movies.find((m) => m.id === Number(values.movie))
      : movies.find((m) => m.path === resolve(values.movie!));
    if (!movie) throw notFound(`no movie '${values.movie}' in ${values.project}`);
    // Frames past the end of the film describe nothing the project has.
    const frames = Math.min(trace.valence.length, Math.ceil(movie.duration * VALENCE_RATE_HZ));
    const series = project.valence.insert({
      movieId: movie.id,
      kind: 'annotation',
      name: positionals.length === 1 ? basename(positionals[0]) : `mean of ${positionals.length} raters`,
      rate: VALENCE_RATE_HZ,
      values: trace.valence.slice(0, frames),
    });
    const covered = series.length / VALENCE_RATE_HZ;
    const cut = trace.valence.length > frames ? `; ${trace.valence.length - frames} frames past the film's end dropped` : '';
    console.log(`attached valence series ${series.id} to movie ${movie.id}: ${series.length} frames (${covered.toFixed(2)} s of ${movie.duration.toFixed(2)} s${cut})`);
    return 0;
  } finally {
    project.close();
  }
}
