/**
 * Segment-based metrics exactly as sed_eval's SegmentBasedMetrics (DCASE reference, v0.2): each
 * file's events become a binary roll of `resolution`-second segments (onset floored, offset
 * ceiled), counted per segment for the overall scores (substitutions = min(Nref, Nsys) − Ntp,
 * deletions and insertions the excess of either side) and per class for the class-wise ones.
 *
 * The roll is never built: each class's active segments are kept as merged runs, and the counts
 * are summed run by run between the points where any run starts or ends, so time and memory grow
 * with the number of events, not with the latest offset.
 */
import { checkEventTimes, type SedEvent } from './event-times.js';
import { classWiseScores, type ClassCounts, type SedMetrics } from './sed-eval-math.js';
import { overallScores, type OverallCounts } from './scores.js';

export interface FilePair {
  reference: SedEvent[];
  estimated: SedEvent[];
  /** Evaluated length in seconds; by default the latest offset in either list. */
  length?: number;
}

/** Half-open segment ranges [from, to), sorted and disjoint. */
type Runs = Array<[number, number]>;

/** The segments a label's events cover, within [0, segments). */
function activeRuns(events: readonly SedEvent[], label: string, resolution: number, segments: number): Runs {
  const spans = events
    .filter((e) => e.label === label)
    .map((e): [number, number] => [Math.max(0, Math.floor(e.onset / resolution)), Math.min(segments, Math.ceil(e.offset / resolution))])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const runs: Runs = [];
  for (const [from, to] of spans) {
    const last = runs[runs.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else runs.push([from, to]);
  }
  return runs;
}

function intersectRuns(a: Runs, b: Runs): Runs {
  const out: Runs = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const from = Math.max(a[i][0], b[j][0]);
    const to = Math.min(a[i][1], b[j][1]);
    if (to > from) out.push([from, to]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

const covered = (runs: Runs) => runs.reduce((n, [from, to]) => n + to - from, 0);
const maxOffset = (events: SedEvent[]) => events.reduce((m, e) => Math.max(m, e.offset), 0);

/** Adds the overall counts of one file: per stretch between run edges, how many classes are active on each side. */
function addOverall(overall: OverallCounts, ref: Runs[], est: Runs[], hit: Runs[]): void {
  const edges = new Map<number, [number, number, number]>();
  const mark = (runs: Runs[], side: 0 | 1 | 2) => {
    for (const [from, to] of runs.flat()) {
      for (const [at, step] of [[from, 1], [to, -1]]) {
        const delta = edges.get(at) ?? [0, 0, 0];
        delta[side] += step;
        edges.set(at, delta);
      }
    }
  };
  mark(ref, 0);
  mark(est, 1);
  mark(hit, 2);
  const points = [...edges.keys()].sort((a, b) => a - b);
  let [nref, nsys, ntp] = [0, 0, 0];
  points.forEach((at, i) => {
    const [r, s, t] = edges.get(at)!;
    [nref, nsys, ntp] = [nref + r, nsys + s, ntp + t];
    const span = i + 1 < points.length ? points[i + 1] - at : 0;
    overall.ntp += ntp * span;
    overall.nref += nref * span;
    overall.nsys += nsys * span;
    overall.substitutions += (Math.min(nref, nsys) - ntp) * span;
    overall.deletions += Math.max(0, nref - nsys) * span;
    overall.insertions += Math.max(0, nsys - nref) * span;
  });
}

export function segmentBasedMetrics(files: FilePair[], labels: string[], resolution = 1.0): SedMetrics {
  const overall: OverallCounts = { ntp: 0, nref: 0, nsys: 0, substitutions: 0, deletions: 0, insertions: 0 };
  const counts = new Map<string, ClassCounts>(labels.map((l) => [l, { ntp: 0, nfp: 0, nfn: 0, nref: 0, nsys: 0 }]));
  files.forEach((file, i) => {
    checkEventTimes(file.reference, `file ${i + 1}, reference`);
    checkEventTimes(file.estimated, `file ${i + 1}, estimated`);
    const length = file.length ?? Math.max(maxOffset(file.reference), maxOffset(file.estimated));
    const segments = Math.ceil(length / resolution);
    const ref = labels.map((l) => activeRuns(file.reference, l, resolution, segments));
    const est = labels.map((l) => activeRuns(file.estimated, l, resolution, segments));
    const hit = labels.map((_, c) => intersectRuns(ref[c], est[c]));
    addOverall(overall, ref, est, hit);
    labels.forEach((label, c) => {
      const k = counts.get(label)!;
      const [nref, nsys, ntp] = [covered(ref[c]), covered(est[c]), covered(hit[c])];
      k.ntp += ntp;
      k.nfp += nsys - ntp;
      k.nfn += nref - ntp;
      k.nref += nref;
      k.nsys += nsys;
    });
  });
  return {
    overall: overallScores(overall),
    ...classWiseScores(counts),
  };
}
