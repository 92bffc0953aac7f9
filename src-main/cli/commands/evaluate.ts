/**
 * `evaluate --project <file> [--models all|fea-tf-scma,…] [--events none,verbal,nonverbal,all] --out <dir>`:
 * the paper's Table II grid by leave-one-movie-out cross-validation, with Table I and Fig. 2,
 * written as report.json, report.csv and report.html (plus table1.csv, fig2.csv). Progress on stderr.
 */
import { resolve } from 'node:path';
import { badRequest } from '../../contract/errors.js';
import { initBackend } from '../../ml/backend.js';
import { COMMON_USAGE, parseEvents, parseModels, positiveInt, TRAINING_ARGS, trainingParams } from '../valence-options.js';
import { ARCHITECTURE_TITLES } from '../../valence/model/model-config.js';
import { EVENT_TITLES, type ValenceReport } from '../../valence/report/report-data.js';
import { writeReport } from '../../valence/report/write-report.js';
import { parseCommandArgs } from '../args.js';
import { runJob, withProjectApi } from '../run-job.js';

const USAGE = `valence-studio evaluate --project <file> [--models all|fea-tf-scma,…] [--events none,verbal,nonverbal,all] --out <dir> [--test-stride N] [--workers N] ${COMMON_USAGE}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { project: { type: 'string' }, models: { type: 'string' }, events: { type: 'string' }, out: { type: 'string' }, 'test-stride': { type: 'string' }, workers: { type: 'string' }, ...TRAINING_ARGS },
    USAGE,
  );
  if (!values.project || !values.out) throw badRequest(`--project and --out are required\nusage: ${USAGE}`);
  // Unset numbers are left to the job, which picks the same defaults for the app.
  const optionalInt = (value: string | undefined, name: string) => (value === undefined ? undefined : positiveInt(value, name, 1));
  const params = {
    ...trainingParams(values),
    models: parseModels(values.models),
    events: parseEvents(values.events),
    testStride: optionalInt(values['test-stride'], 'test-stride'),
    workers: optionalInt(values.workers, 'workers'),
  };
  const report = await withProjectApi(values.project, async (api) => {
    process.stderr.write(`evaluate: TensorFlow.js backend ${await initBackend()}\n`);
    const { reportId } = await runJob(api, 'evaluate', () => api.call('valence.evaluate', params));
    return api.project.reports.body<ValenceReport>(reportId);
  });
  process.stderr.write('\n');
  const files = writeReport(resolve(values.out), report);
  for (const c of report.cells) {
    const score = c.acc === null ? `– (${c.skipped})` : `Acc ${(100 * c.acc).toFixed(2)}  Acc±1 ${(100 * c.acc1!).toFixed(2)}`;
    console.log(`${ARCHITECTURE_TITLES[c.model].padEnd(12)} ${EVENT_TITLES[c.events].padEnd(11)} ${score}`);
  }
  console.log(`wrote ${files.join(', ')}`);
  return 0;
}
