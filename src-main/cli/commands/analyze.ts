/**
 * `analyze <movie> --project <file>`: imports the film if the project does not have it yet, then runs
 * the Analyze job (descriptors, sound events, visual, motion, valence), one progress line per stage.
 */
import { resolve } from 'node:path';
import { openSession } from '../../app/session.js';
import { badRequest } from '../../contract/errors.js';
import { hashFile } from '../../media/hash.js';
import { parseCommandArgs } from '../args.js';

const USAGE = 'valence-studio analyze <movie> --project <file>';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { project: { type: 'string' } }, USAGE);
  if (!values.project || positionals.length !== 1) throw badRequest(`--project and one movie are required\nusage: ${USAGE}`);
  const path = resolve(positionals[0]);
  const session = openSession(resolve(values.project));
  const { api, project } = session;
  const interrupt = () => void api.jobs.dispose();
  process.once('SIGINT', interrupt);
  try {
    let movie = project.movies.findByHash(await hashFile(path).catch(() => ''));
    if (!movie) {
      const job = await api.call('movies.import', { path });
      await api.jobs.whenIdle();
      const done = project.jobs.get(job.id);
      if (done.state !== 'done') throw badRequest(done.message);
      movie = project.movies.get((done.result as { movieId: number }).movieId);
    }
    let lastLine = '';
    const off = api.on('job.updated', (j) => {
      if (j.kind !== 'analyze' || !j.stages) return;
      const stages = Object.entries(j.stages).map(([s, f]) => `${s} ${Math.round(f * 100)}%`).join(' · ');
      const eta = j.etaSeconds === null ? '' : ` · ~${Math.ceil(j.etaSeconds)} s left`;
      const line = `analyze: ${stages}${eta}`;
      if (line !== lastLine && (process.stderr.isTTY || Math.round(j.progress * 100) % 5 === 0)) process.stderr.write(`${line}\n`);
      lastLine = line;
    });
    const job = await api.call('movies.analyze', { movieId: movie.id });
    await api.jobs.whenIdle();
    off();
    const done = project.jobs.get(job.id);
    if (done.state !== 'done') throw badRequest(done.message);
    const result = done.result as { stages: Record<string, string> };
    for (const [stage, outcome] of Object.entries(result.stages)) console.log(`${stage}: ${outcome}`);
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    session.close();
  }
}
