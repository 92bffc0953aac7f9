/**
 * Event-based metrics exactly as sed_eval's EventBasedMetrics (v0.2, optimal matching): an output
 * event matches a reference event of the same label when its onset is within `tCollar` and its
 * offset within max(tCollar, percentageOfLength × reference length). Matches are a maximum bipartite
 * matching, per file overall and per class; leftovers that would match but for the label count as
 * substitutions in the overall error rate.
 */
import { bipartiteMatch } from './bipartite-match.js';
import { classWiseScores, type ClassCounts, type SedMetrics } from './sed-eval-math.js';
import { overallScores, type OverallCounts } from './scores.js';
import type { SedEvent } from './event-times.js';
import type { FilePair } from './segment-based.js';

export interface EventBasedOptions {
  tCollar: number;
  percentageOfLength: number;
}

export const DCASE_EVENT_OPTIONS: EventBasedOptions = { tCollar: 0.2, percentageOfLength: 0.5 };

function timingMatches(ref: SedEvent, est: SedEvent, o: EventBasedOptions): boolean {
  const onset = Math.abs(ref.onset - est.onset) <= o.tCollar;
  const offset = Math.abs(ref.offset - est.offset) <= Math.max(o.tCollar, o.percentageOfLength * (ref.offset - ref.onset));
  return onset && offset;
}

/** Size of a maximum matching where est i may match ref j when hit(j, i); also which were matched. */
function match(refs: SedEvent[], ests: SedEvent[], hit: (r: SedEvent, e: SedEvent) => boolean) {
  // Edges keyed by estimated event in the order numpy.where visits the hit matrix (row-major on refs).
  const graph = new Map<number, number[]>();
  refs.forEach((r, j) =>
    ests.forEach((e, i) => {
      if (!hit(r, e)) return;
      if (!graph.has(i)) graph.set(i, []);
      graph.get(i)!.push(j);
    }),
  );
  const matching = bipartiteMatch(graph);
  const refMatched = new Array<boolean>(refs.length).fill(false);
  const estMatched = new Array<boolean>(ests.length).fill(false);
  for (const [j, i] of matching) {
    refMatched[j] = true;
    estMatched[i] = true;
  }
  return { ntp: matching.size, refMatched, estMatched };
}

export function eventBasedMetrics(files: FilePair[], labels: string[], options: EventBasedOptions = DCASE_EVENT_OPTIONS): SedMetrics {
  const overall: OverallCounts = { ntp: 0, nref: 0, nsys: 0, substitutions: 0, deletions: 0, insertions: 0 };
  const counts = new Map<string, ClassCounts>(labels.map((l) => [l, { ntp: 0, nfp: 0, nfn: 0, nref: 0, nsys: 0 }]));
  for (const { reference, estimated } of files) {
    const m = match(reference, estimated, (r, e) => r.label === e.label && timingMatches(r, e, options));
    let nsubs = 0;
    const counted = new Array<boolean>(estimated.length).fill(false);
    reference.forEach((r, j) => {
      if (m.refMatched[j]) return;
      for (let i = 0; i < estimated.length; i++) {
        if (m.estMatched[i] || counted[i]) continue;
        if (timingMatches(r, estimated[i], options)) {
          counted[i] = true;
          nsubs++;
          break;
        }
      }
    });
    overall.nref += reference.length;
    overall.nsys += estimated.length;
    overall.ntp += m.ntp;
    overall.substitutions += nsubs;
    overall.insertions += estimated.length - m.ntp - nsubs;
    overall.deletions += reference.length - m.ntp - nsubs;

    for (const label of labels) {
      const refs = reference.filter((e) => e.label === label);
      const ests = estimated.filter((e) => e.label === label);
      const ntp = match(refs, ests, (r, e) => timingMatches(r, e, options)).ntp;
      const k = counts.get(label)!;
      k.nref += refs.length;
      k.nsys += ests.length;
      k.ntp += ntp;
      k.nfp += ests.length - ntp;
      k.nfn += refs.length - ntp;
    }
  }
  return {
    overall: overallScores(overall),
    ...classWiseScores(counts),
  };
}
