/**
 * `shares --project <file> --movie <id-or-path> [--series <id>] [--json]`: why a film's predicted valence
 * moved — each input modality's mean share of the prediction over the film and inside the film's events
 * of each class (occlusion, docs/valence.md), from the newest prediction unless `--series` names one.
 */
import { EVENT_CLASSES, VALENCE_RATE_HZ } from '../../contract/domain.js';
import { badRequest, notFound } from '../../contract/errors.js';
import { eventMasks } from '../../valence/data/semantics.js';
import { meanShares, tallyShares, type MeanShares } from '../../valence/explain/occlusion.js';
import type { Modality } from '../../valence/data/modalities.js';
import { parseCommandArgs } from '../args.js';
import { findMovie } from '../find-movie.js';
import { withProjectApi } from '../run-job.js';
import { float32FromBase64 } from '../../api/codec.js';

const USAGE = 'valence-studio shares --project <file> --movie <id-or-path> [--series <id>] [--json]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { project: { type: 'string' }, movie: { type: 'string' }, series: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const { project: path, movie: which } = values;
  if (!path || !which) throw badRequest(`--project and --movie are required\nusage: ${USAGE}`);
  return withProjectApi(path, async (api) => {
    const movie = findMovie(api.project.movies.list(), which, path);
    const predictions = (await api.call('valence.list', { movieId: movie.id })).filter((s) => s.kind === 'prediction');
    const series = values.series === undefined ? predictions.at(-1) : predictions.find((s) => String(s.id) === values.series);
    if (!series) throw notFound(values.series === undefined ? `movie ${movie.id} (${movie.title}) has no predicted valence; run analyze or predict first` : `no prediction ${values.series} of movie ${movie.id}`);
    const shares = await api.call('valence.shares', { seriesId: series.id });
    if (!shares) throw badRequest(`prediction ${series.id} (${series.name}) was made before shares were stored; predict it again`);
    const events = await api.call('events.list', { movieId: movie.id });
    const m = shares.modalities.length;
    const masks = eventMasks(events, shares.frames, VALENCE_RATE_HZ);
    const means = meanShares(tallyShares({}, float32FromBase64(shares.values), m, masks), shares.modalities as Modality[]);
    console.log(values.json ? JSON.stringify({ seriesId: series.id, name: series.name, modalities: shares.modalities, means }) : formatTable(series.name, shares.modalities, means));
    return 0;
  });
}

function formatTable(name: string, modalities: string[], means: MeanShares): string {
  const rows = ['all', ...EVENT_CLASSES].filter((c) => (means[c]?.frames ?? 0) > 0);
  const head = ['inside'.padEnd(14), 'frames'.padStart(7), ...modalities.map((m) => m.padStart(10))].join('');
  const lines = rows.map((c) => [(c === 'all' ? 'all frames' : c).padEnd(14), String(means[c].frames).padStart(7), ...modalities.map((m) => `${(100 * means[c].shares[m]).toFixed(1)} %`.padStart(10))].join(''));
  return [`${name}: mean share of each input in the prediction (occlusion)`, head, ...lines].join('\n');
}
