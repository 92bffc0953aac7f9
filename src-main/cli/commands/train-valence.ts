/**
 * `train-valence --project <file> --model <architecture> [--events none|verbal|nonverbal|all]`: trains
 * one valence model on every labelled movie (the last one for early stopping) and stores it in the
 * project; prints its version for `predict`.
 */
import { resolve } from 'node:path';
import { badRequest } from '../../contract/errors.js';
import { standaloneContext } from '../../util/task-context.js';
import { initBackend } from '../../ml/backend.js';
import { currentDetectorVersions } from '../../analysis/detector-versions.js';
import { descriptorsByAnalysis } from '../../analysis/ensure-descriptors.js';
import { projectAnalyzeDeps } from '../../analysis/project-deps.js';
import { Project } from '../../store/project.js';
import { COMMON_USAGE, commonSettings, interruptSignal, parseEvents, parseModels, TRAINING_ARGS } from '../../valence/cli-options.js';
import { trainOnProject } from '../../valence/train-project.js';
import { holdingProject } from '../hold-project.js';
import { parseCommandArgs } from '../args.js';
import { progressPrinter } from '../progress.js';

const USAGE = `valence-studio train-valence --project <file> --model dnn|lstm|fea-tf|temp-tf|fea-tf-cma|fea-tf-scma [--events none|verbal|nonverbal|all] ${COMMON_USAGE}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { project: { type: 'string' }, model: { type: 'string' }, events: { type: 'string' }, ...TRAINING_ARGS }, USAGE);
  if (!values.project || !values.model) throw badRequest(`--project and --model are required\nusage: ${USAGE}`);
  const [architecture, ...more] = parseModels(values.model);
  const [events, ...moreEvents] = parseEvents(values.events ?? 'all');
  if (more.length > 0 || moreEvents.length > 0 || values.model === 'all') throw badRequest(`train one model with one events setting at a time\nusage: ${USAGE}`);
  const common = commonSettings(values);
  const projectPath = resolve(values.project);
  const project = Project.open(projectPath, { create: false });
  try {
    await initBackend();
    const { info, summary } = await holdingProject(projectPath, async () =>
      trainOnProject(
        project,
        { ...common, architecture, events, ensureDescriptors: descriptorsByAnalysis(projectAnalyzeDeps(project)), detectorVersions: await currentDetectorVersions(project) },
        standaloneContext(progressPrinter('train-valence'), interruptSignal()),
      ),
    );
    process.stderr.write('\n');
    const val = (info.metrics as { validation?: { acc: number; acc1: number } } | null)?.validation;
    console.log(
      `stored valence model ${info.version} (id ${info.id}): ${summary.epochs.length} epochs, best ${summary.bestEpoch}, ${summary.samplesPerSecond.toFixed(0)} samples/s` +
        (val ? `; validation Acc ${(100 * val.acc).toFixed(2)} Acc±1 ${(100 * val.acc1).toFixed(2)}` : ''),
    );
    return 0;
  } finally {
    project.close();
  }
}
