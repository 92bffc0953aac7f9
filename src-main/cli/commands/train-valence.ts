/**
 * `train-valence --project <file> --model <architecture> [--events none|verbal|nonverbal|all]`: trains
 * one valence model on every labelled movie (the last one for early stopping) and stores it in the
 * project; prints its version for `predict`.
 */
import { badRequest } from '../../contract/errors.js';
import { COMMON_USAGE, parseEvents, parseModels, positiveInt, TRAINING_ARGS, trainingParams } from '../valence-options.js';
import { parseCommandArgs } from '../args.js';
import { runJob, withProjectApi } from '../run-job.js';

const USAGE = `valence-studio train-valence --project <file> --model dnn|lstm|fea-tf|temp-tf|fea-tf-cma|fea-tf-scma [--events none|verbal|nonverbal|all] [--threads N] ${COMMON_USAGE}`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { project: { type: 'string' }, model: { type: 'string' }, events: { type: 'string' }, threads: { type: 'string' }, ...TRAINING_ARGS }, USAGE);
  if (!values.project || !values.model) throw badRequest(`--project and --model are required\nusage: ${USAGE}`);
  const [architecture, ...more] = parseModels(values.model);
  const [events, ...moreEvents] = parseEvents(values.events ?? 'all');
  if (more.length > 0 || moreEvents.length > 0 || values.model === 'all') throw badRequest(`train one model with one events setting at a time\nusage: ${USAGE}`);
  const params = { ...trainingParams(values), architecture, events, ...(values.threads === undefined ? {} : { threads: positiveInt(values.threads, 'threads', 1) }) };
  const model = await withProjectApi(values.project, (api) => runJob(api, 'train-valence', () => api.call('valence.train', params)));
  process.stderr.write('\n');
  const val = model.metrics?.validation;
  console.log(
    `stored valence model ${model.version} (id ${model.modelId}): ${model.epochs} epochs, best ${model.bestEpoch}, ${model.samplesPerSecond.toFixed(0)} samples/s` +
      (val ? `; validation Acc ${(100 * val.acc).toFixed(2)} Acc±1 ${(100 * val.acc1).toFixed(2)}` : ''),
  );
  return 0;
}
