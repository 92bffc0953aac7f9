/**
 * `evaluate --project <file> [--models all|fea-tf-scma,…] [--events none,verbal,nonverbal,all] --out <dir>`:
 * the paper's Table II grid by leave-one-movie-out cross-validation, with Table I and Fig. 2,
 * written as report.json, report.csv and report.html (plus table1.csv, fig2.csv). Progress on stderr.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { badRequest } from '../../contract/errors.js';
import { standaloneContext } from '../../util/task-context.js';
import { initBackend } from '../../ml/backend.js';
import { descriptorsByAnalysis } from '../../analysis/ensure-descriptors.js';
import { projectAnalyzeDeps } from '../../analysis/project-deps.js';
import { Project } from '../../store/project.js';
import { COMMON_USAGE, commonSettings, interruptSignal, parseEvents, parseModels, positiveInt, TRAINING_ARGS } from '../../valence/cli-options.js';
import { evaluateProject } from '../../valence/evaluate-project.js';
import { ARCHITECTURE_TITLES } from '../../valence/model-config.js';
import { EVENT_TITLES } from '../../valence/report/report-data.js';
import { writeReport } from '../../valence/report/write-report.js';
import { holdingProject } from '../hold-project.js';
import { parseCommandArgs } from '../args.js';
import { progressPrinter } from '../progress.js';

const USAGE = `valence-studio evaluate --project <file> [--models all|fea-tf-scma,…] [--events none,verbal,nonverbal,all] --out <dir> [--test-stride N] [--workers N] ${COMMON_USAGE}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { project: { type: 'string' }, models: { type: 'string' }, events: { type: 'string' }, out: { type: 'string' }, 'test-stride': { type: 'string' }, workers: { type: 'string' }, ...TRAINING_ARGS },
    USAGE,
  );
  if (!values.project || !values.out) throw badRequest(`--project and --out are required\nusage: ${USAGE}`);
  const common = commonSettings(values);
  const options = {
    ...common,
    models: parseModels(values.models),
    events: parseEvents(values.events),
    testStride: positiveInt(values['test-stride'], 'test-stride', 1),
    // Folds are independent and each trains on one core; leave one core for the app.
    workers: positiveInt(values.workers, 'workers', Math.max(1, availableParallelism() - 1)),
  };
  const projectPath = resolve(values.project);
  const project = Project.open(projectPath, { create: false });
  try {
    const backend = await initBackend();
    process.stderr.write(`evaluate: TensorFlow.js backend ${backend}\n`);
    const report = await holdingProject(projectPath, () =>
      evaluateProject(project, { ...options, ensureDescriptors: descriptorsByAnalysis(projectAnalyzeDeps(project)) }, standaloneContext(progressPrinter('evaluate'), interruptSignal())),
    );
    process.stderr.write('\n');
    const files = writeReport(resolve(values.out), report);
    for (const c of report.cells) {
      const score = c.acc === null ? `– (${c.skipped})` : `Acc ${(100 * c.acc).toFixed(2)}  Acc±1 ${(100 * c.acc1!).toFixed(2)}`;
      console.log(`${ARCHITECTURE_TITLES[c.model].padEnd(12)} ${EVENT_TITLES[c.events].padEnd(11)} ${score}`);
    }
    console.log(`wrote ${files.join(', ')}`);
    return 0;
  } finally {
    project.close();
  }
}
