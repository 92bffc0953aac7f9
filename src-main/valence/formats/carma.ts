/**
 * CARMA's CSV export (J. M. Girard, github.com/jmgirard/CARMA: the layout its fig_collect writes and
 * its fig_review reads back, nine header rows by position):
 *
 *   Time of Rating,13-Dec-2021 07:36:40
 *   Multimedia File,clip.mp4
 *   Lower Label,very negative
 *   Upper Label,very positive
 *   Minimum Value,-100
 *   Maximum Value,100
 *   Number of Steps,9
 *   Second,Rating
 *   %%%%%%,%%%%%%
 *   1,7.8010475
 *   2,0.930772222
 *
 * CARMA averages its slider over bins anchored at 0 (0.25–4 s, 1 s by default) and labels each row
 * with the second its bin ends; a bin with no slider sample holds NaN. Read here: header rows by
 * name, ratings mapped from [Minimum Value, Maximum Value] onto [-1, 1], NaN as not rated, and each
 * rating placed at its bin's middle. The header does not give the bin, so it is the step between the
 * first two rows (CARMA writes every bin), or the first row's second when there is only one row.
 */
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { checkScale, decimal, formatNumber, linesOf, onScale, SampleList, where, type ParsedTrace, type TraceFile } from './trace.js';

const FIRST_KEY = 'Time of Rating';

export const looksLikeCarma = (firstLine: string) => firstLine.split(',')[0].trim() === FIRST_KEY;

export function parseCarma(file: TraceFile): ParsedTrace {
  const lines = linesOf(file.text);
  if (!looksLikeCarma(lines[0] ?? '')) throw badRequest(`${where(file.name, 1)}: expected CARMA's first row '${FIRST_KEY},…', found '${(lines[0] ?? '').trim()}'`);
  const end = lines.findIndex((l) => l.split(',')[0].trim() === 'Second');
  if (end < 0) throw badRequest(`${file.name}: no 'Second,Rating' row ends the CARMA header`);
  if (lines[end].replace(/\s/g, '') !== 'Second,Rating') throw badRequest(`${where(file.name, end + 1)}: expected 'Second,Rating', found '${lines[end].trim()}'`);
  const setting = (key: string) => {
    const line = lines.slice(0, end).findIndex((l) => l.split(',')[0].trim() === key);
    if (line < 0) throw badRequest(`${file.name}: the CARMA header has no '${key}' row`);
    return decimal(lines[line].split(',').slice(1).join(','), where(file.name, line + 1));
  };
  const scale = checkScale({ min: setting('Minimum Value'), max: setting('Maximum Value') }, file.name);
  const samples = new SampleList();
  lines.slice(end + 1).forEach((line, i) => {
    const at = where(file.name, end + i + 2);
    if (line.trim() === '' || (i === 0 && /^\s*%+\s*,\s*%+\s*$/.test(line))) return;
    const cells = line.split(',');
    if (cells.length !== 2) throw badRequest(`${at}: expected 2 columns 'Second,Rating', found ${cells.length}`);
    const rating = /^\s*nan\s*$/i.test(cells[1]) ? Number.NaN : onScale(decimal(cells[1], at), scale, at);
    samples.push(decimal(cells[0], at), rating, at);
  });
  const trace = samples.done(file.name, scale);
  const [first, second] = trace.samples.time;
  const bin = second === undefined ? first : second - first;
  trace.samples.time = trace.samples.time.map((t) => t - bin / 2);
  return trace;
}

/**
 * CARMA's layout on a [-1, 1] scale, one row per 25 Hz frame: frame k is the bin centred on k / 25 s,
 * so its row reads (k + 0.5) / 25, and an unrated frame is an empty bin, NaN. `ratedAt` and `film`
 * fill the first two rows as given.
 */
export function writeCarma(values: Float32Array, about: { ratedAt?: string; film?: string }): string {
  const header = [
    [FIRST_KEY, about.ratedAt ?? ''],
    ['Multimedia File', about.film ?? ''],
    ['Lower Label', 'negative'],
    ['Upper Label', 'positive'],
    ['Minimum Value', '-1'],
    ['Maximum Value', '1'],
    // The 8 edges of the 7 valence classes as the scale's ticks.
    ['Number of Steps', '8'],
    ['Second', 'Rating'],
    ['%%%%%%', '%%%%%%'],
  ];
  const rows = Array.from(values, (v, k) => [formatNumber((k + 0.5) / VALENCE_RATE_HZ), Number.isNaN(v) ? 'NaN' : formatNumber(v)]);
  return [...header, ...rows].map((r) => `${r.join(',')}\n`).join('');
}
