/**
 * `sed-eval --ref <tsv> --est <tsv> [--json]`: sed_eval's segment-based (1 s) and event-based
 * (200 ms onset collar, offset collar max(200 ms, 50 %)) metrics, overall, class-wise and class-wise
 * average. Lists are `onset<TAB>offset<TAB>label`, or with a leading file column to score several
 * files; the classes are every label in either list. Times must be finite and within
 * MAX_EVENT_SECONDS (10⁹ s); scoring time and memory grow with the number of events only.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { badRequest } from '../../contract/errors.js';
import { parseEventsTsv } from '../../sed/events-tsv.js';
import { eventBasedMetrics } from '../../sed/metrics/event-based.js';
import { checkEventTimes } from '../../sed/metrics/event-times.js';
import type { SedMetrics } from '../../sed/metrics/sed-eval-math.js';
import { segmentBasedMetrics, type FilePair } from '../../sed/metrics/segment-based.js';
import { parseCommandArgs } from '../args.js';

const USAGE = 'valence-studio sed-eval --ref <reference.tsv> --est <estimated.tsv> [--json]';

async function readList(path: string) {
  const text = await readFile(resolve(path), 'utf8').catch(() => {
    throw badRequest(`cannot read ${path}`);
  });
  try {
    const files = parseEventsTsv(text, path);
    for (const [name, events] of files) checkEventTimes(events, name ? `${path}, file ${name}` : path);
    return files;
  } catch (err) {
    throw badRequest((err as Error).message);
  }
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ref: { type: 'string' }, est: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (!values.ref || !values.est || positionals.length > 0) throw badRequest(`--ref and --est are required\nusage: ${USAGE}`);
  const ref = await readList(values.ref);
  const est = await readList(values.est);
  const names = [...new Set([...ref.keys(), ...est.keys()])].sort();
  const files: FilePair[] = names.map((n) => ({ reference: ref.get(n) ?? [], estimated: est.get(n) ?? [] }));
  const labels = [...new Set(files.flatMap((f) => [...f.reference, ...f.estimated].map((e) => e.label)))].sort();
  if (labels.length === 0) throw badRequest('both lists are empty: nothing to score');
  const segment = segmentBasedMetrics(files, labels, 1.0);
  const event = eventBasedMetrics(files, labels);
  if (values.json) {
    console.log(JSON.stringify({ files: names.length, labels, segmentBased: { resolutionS: 1 }, eventBased: { tCollarS: 0.2, percentageOfLength: 0.5 }, segment, event }, null, 2));
  } else {
    console.log(report('Segment-based metrics (1 s segments)', segment));
    console.log(report('Event-based metrics (onset collar 200 ms, offset collar max(200 ms, 50 % of length))', event));
  }
  return 0;
}

const pct = (v: number) => `${(v * 100).toFixed(1).padStart(5)} %`;
const num = (v: number) => (Number.isFinite(v) && v < 1e6 ? v.toFixed(2) : 'inf').padStart(6);

function report(title: string, m: SedMetrics): string {
  const o = m.overall;
  const a = m.classWiseAverage;
  const lines = [
    title,
    `  overall (micro)   F ${pct(o.fMeasure)}  P ${pct(o.precision)}  R ${pct(o.recall)}  ER ${num(o.errorRate)}  (S ${num(o.substitutionRate)}  D ${num(o.deletionRate)}  I ${num(o.insertionRate)})`,
    `  class-wise (macro) F ${pct(a.fMeasure)}  P ${pct(a.precision)}  R ${pct(a.recall)}  ER ${num(a.errorRate)}  (D ${num(a.deletionRate)}  I ${num(a.insertionRate)})`,
    `  ${'class'.padEnd(16)} ${'Nref'.padStart(5)} ${'Nsys'.padStart(5)}  ${'F'.padStart(7)}  ${'P'.padStart(7)}  ${'R'.padStart(7)}  ${'ER'.padStart(6)}  ${'D'.padStart(6)}  ${'I'.padStart(6)}`,
    ...Object.entries(m.classWise).map(
      ([label, c]) =>
        `  ${label.padEnd(16)} ${String(c.nref).padStart(5)} ${String(c.nsys).padStart(5)}  ${pct(c.fMeasure)}  ${pct(c.precision)}  ${pct(c.recall)}  ${num(c.errorRate)}  ${num(c.deletionRate)}  ${num(c.insertionRate)}`,
    ),
  ];
  return lines.join('\n') + '\n';
}
