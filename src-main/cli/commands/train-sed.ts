/**
 * `train-sed --manifest <tsv> --out <dir> [--group verbal|nonverbal] [--seed N] [--epochs N]
 *  [--steps N] [--minutes M] [--bed <audio>]… [--sequential]`: trains the sound event detectors from a folder of
 * isolated clips described by a manifest (the human-sounds corpus layout), validating on
 * soundscapes of held-out source groups. Without --group both detectors are trained (in parallel,
 * one per core) into <dir>/sed-verbal and <dir>/sed-nonverbal; with it, <dir> is the model folder.
 *
 * `train-sed --project <file> [--group …] [--movies 1,2,…] [--epochs N] [--minutes M] [--activate-anyway]`:
 * fine-tunes the project's detectors on its movies' human-made and imported events (the app's
 * retraining job) and stores them in the project; a retrained tagger head becomes the active detector
 * (the one the next analysis uses) only if it scores no lower than the active one on the held-out
 * films, unless --activate-anyway is given. Both figures are printed either way.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventGroup } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { trainFromCorpus } from '../../sed/training/corpus-training.js';
import { DEFAULT_TRAIN_SETTINGS } from '../../sed/training/defaults.js';
import type { JobParams } from '../../contract/jobs.js';
import { parseCommandArgs } from '../args.js';
import { runJob, withProjectApi } from '../run-job.js';

const USAGE =
  'valence-studio train-sed --manifest <tsv> --out <dir> [--group verbal|nonverbal] [--seed N] [--epochs N] [--steps N] [--minutes M] [--bed <audio>]... [--sequential]\n' +
  '       valence-studio train-sed --project <file> [--group verbal|nonverbal] [--movies <id,…>] [--epochs N] [--minutes M] [--activate-anyway]';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      manifest: { type: 'string' },
      project: { type: 'string' },
      movies: { type: 'string' },
      out: { type: 'string' },
      group: { type: 'string' },
      seed: { type: 'string' },
      epochs: { type: 'string' },
      steps: { type: 'string' },
      minutes: { type: 'string' },
      bed: { type: 'string', multiple: true },
      sequential: { type: 'boolean' },
      'activate-anyway': { type: 'boolean' },
      // The earlier name of --activate-anyway.
      'keep-worse': { type: 'boolean' },
    },
    USAGE,
  );
  const group = values.group as EventGroup | undefined;
  if (group && group !== 'verbal' && group !== 'nonverbal') throw badRequest(`--group must be verbal or nonverbal\nusage: ${USAGE}`);
  const number = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw badRequest(`--${name} must be a positive number`);
    return n;
  };
  if (values.project && !values.manifest && !values.out && positionals.length === 0) {
    return trainProject(resolve(values.project), {
      groups: group ? [group] : undefined,
      movieIds: values.movies?.split(',').map((id) => {
        if (!/^\d+$/.test(id.trim())) throw badRequest(`--movies takes movie ids separated by commas, got '${values.movies}'`);
        return Number(id);
      }),
      maxEpochs: number(values.epochs, 'epochs'),
      minutes: number(values.minutes, 'minutes'),
      activateAnyway: values['activate-anyway'] || values['keep-worse'],
    });
  }
  if (!values.manifest || !values.out || positionals.length > 0) throw badRequest(`--manifest and --out (or --project alone) are required\nusage: ${USAGE}`);
  const manifest = resolve(values.manifest);
  if (!existsSync(manifest)) throw badRequest(`manifest not found: ${manifest}`);
  const out = resolve(values.out);
  const outDirs = group ? { [group]: out } : { verbal: join(out, 'sed-verbal'), nonverbal: join(out, 'sed-nonverbal') };
  const minutes = number(values.minutes, 'minutes');
  const result = await trainFromCorpus({
    manifest,
    seed: number(values.seed, 'seed') ?? 1,
    bedRecordings: (values.bed ?? []).map((p) => ({ path: resolve(p), trainShare: 2 / 3 })),
    outDirs,
    parallel: !values.sequential && !group,
    settings: {
      ...DEFAULT_TRAIN_SETTINGS,
      maxEpochs: number(values.epochs, 'epochs') ?? DEFAULT_TRAIN_SETTINGS.maxEpochs,
      stepsPerEpoch: number(values.steps, 'steps') ?? DEFAULT_TRAIN_SETTINGS.stepsPerEpoch,
      timeBudgetS: minutes === undefined ? undefined : minutes * 60,
    },
    onProgress: (m) => console.error(m),
    onTrainProgress: (g, p) => {
      if (p.phase === 'validate') {
        const f1 = Object.entries(p.segmentF1).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
        console.error(`${g} epoch ${p.epoch}: loss ${p.loss.toFixed(3)}, validation loss ${p.valLoss.toFixed(3)}${p.best ? ' (best)' : ''}; segment F1 ${f1}`);
      }
    },
  });
  for (const m of result.models) {
    const f1 = Object.entries(m.outcome.validation.segment.classWise).map(([k, v]) => `${k} ${v.fMeasure.toFixed(3)}`).join(', ');
    console.log(`${m.group}: ${m.dir} (${m.version}); validation segment F1 ${f1}`);
  }
  console.log(`done in ${(result.wallS / 60).toFixed(1)} min`);
  return 0;
}

async function trainProject(path: string, params: JobParams<'train-sed'>): Promise<number> {
  const { models } = await withProjectApi(path, (api) => runJob(api, 'train-sed', () => api.call('sed.train', params)));
  process.stderr.write('\n');
  for (const m of models) {
    const f1 = Object.entries(m.segmentF1).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ');
    const vs = m.macroF1 ? `; held-out macro F1 ${m.macroF1.retrained.toFixed(3)} against ${m.macroF1.previous.toFixed(3)} for ${m.macroF1.previousVersion}` : '';
    const stored = `${m.group}: stored ${m.version} (model ${m.modelId}) from ${m.movies} movies; held-out segment F1 ${f1}${vs}`;
    console.log(m.activated ? `${stored}; now the active ${m.group} detector` : `${stored}; not activated: ${m.reason ?? ''} (activate it with valence-studio models activate ${m.version})`);
  }
  return 0;
}
