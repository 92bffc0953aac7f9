/**
 * `analyze <movie> --project <file> [--threads N]`: imports the film if the project does not have it
 * yet, then runs the Analyze job (descriptors, sound events, visual, motion, valence), one progress
 * line per stage. `--threads 1` keeps every stage on the main thread; by default one thread per core.
 */
import { resolve } from 'node:path';
import { openSession } from '../../app/session.js';
import { badRequest } from '../../contract/errors.js';
import type { Job } from '../../contract/jobs.js';
import { hashFile } from '../../media/hash.js';
import { parseCommandArgs } from '../args.js';
import { positiveInt } from '../valence-options.js';
import { runJob } from '../run-job.js';

const USAGE = 'valence-studio analyze <movie> --project <file> [--threads N]';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { project: { type: 'string' }, threads: { type: 'string' } }, USAGE);
  if (!values.project || positionals.length !== 1) throw badRequest(`--project and one movie are required\nusage: ${USAGE}`);
  // Checked before anything is opened or imported: a bad value changes nothing.
  const threads = values.threads === undefined ? undefined : positiveInt(values.threads, 'threads', 1);
  const path = resolve(positionals[0]);
  const session = openSession(resolve(values.project));
  const { api, project } = session;
  try {
    let movie = project.movies.findByHash(await hashFile(path).catch(() => ''));
    if (!movie) {
      const { movieId } = await runJob(api, 'import-movie', () => api.call('movies.import', { path }), () => {});
      movie = project.movies.get(movieId);
    }
    const movieId = movie.id;
    const result = await runJob(api, 'analyze', () => api.call('movies.analyze', { movieId, threads }), stageLines());
    for (const [stage, outcome] of Object.entries(result.stages)) console.log(`${stage}: ${outcome}`);
    return 0;
  } finally {
    session.close();
  }
}

/** One line per change of the stages' progress: every change on a terminal, every 5 % in a log. */
function stageLines(): (job: Job) => void {
  let lastLine = '';
  return (j) => {
    if (!j.stages) return;
    const stages = Object.entries(j.stages).map(([s, f]) => `${s} ${Math.round(f * 100)}%`).join(' · ');
    const eta = j.etaSeconds === null ? '' : ` · ~${Math.ceil(j.etaSeconds)} s left`;
    const line = `analyze: ${stages}${eta}`;
    if (line !== lastLine && (process.stderr.isTTY || Math.round(j.progress * 100) % 5 === 0)) process.stderr.write(`${line}\n`);
    lastLine = line;
  };
}
