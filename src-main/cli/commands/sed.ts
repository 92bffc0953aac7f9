/**
 * `sed <audio-or-video> --out <events.tsv> [--model <dir>]`: human sound events of a file's
 * soundtrack with the default detectors (or a model folder of either group, used in place of the
 * default one of its group), written as `onset<TAB>offset<TAB>label` rows in seconds.
 */
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { badMedia, badRequest } from '../../contract/errors.js';
import { probeMedia } from '../../media/probe.js';
import { initBackend } from '../../ml/backend.js';
import { detectFile, SoundEventDetector } from '../../sed/detector.js';
import { formatEventsTsv } from '../../sed/events-tsv.js';
import { readModelFile } from '../../sed/model/model-io.js';
import { parseCommandArgs } from '../args.js';
import { progressPrinter } from '../progress.js';

const USAGE = 'valence-studio sed <audio-or-video> --out <events.tsv> [--model <dir>]';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, model: { type: 'string', multiple: true } }, USAGE);
  if (positionals.length !== 1) throw badRequest(`give exactly one input file\nusage: ${USAGE}`);
  if (!values.out) throw badRequest(`--out is required\nusage: ${USAGE}`);
  const input = resolve(positionals[0]);
  const info = await probeMedia(input);

  const dirs: { verbal?: string; nonverbal?: string } = {};
  for (const dir of values.model ?? []) {
    const file = await readModelFile(resolve(dir));
    dirs[file.config.group] = resolve(dir);
  }
  await initBackend();
  const detector = await SoundEventDetector.load(dirs);
  const progress = progressPrinter('sed');
  try {
    const result = await detectFile(input, { detector, onProgress: (s) => progress(Math.min(1, s / info.duration), `${s.toFixed(0)} s`) });
    if (result.frames === 0) throw badMedia(`${basename(input)} contains no audio samples`);
    await writeFile(resolve(values.out), formatEventsTsv(result.events));
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(`wrote ${result.events.length} events (${result.durationS.toFixed(1)} s analysed; models ${result.modelVersions.verbal}, ${result.modelVersions.nonverbal}) to ${resolve(values.out)}`);
    return 0;
  } finally {
    detector.dispose();
  }
}
