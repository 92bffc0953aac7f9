/**
 * Segment-based metrics exactly as sed_eval's SegmentBasedMetrics (DCASE reference, v0.2): each
 * file's events become a binary roll of `resolution`-second segments (onset floored, offset
 * ceiled), counted per segment for the overall scores (substitutions = min(Nref, Nsys) − Ntp,
 * deletions and insertions the excess of either side) and per class for the class-wise ones.
 */
import { classWiseScores, type ClassCounts, type SedMetrics } from './sed-eval-math.js';
import { overallScores, type OverallCounts } from './scores.js';

export interface SedEvent {
  label: string;
  onset: number;
  offset: number;
}

export interface FilePair {
  reference: SedEvent[];
  estimated: SedEvent[];
  /** Evaluated length in seconds; by default the latest offset in either list. */
  length?: number;
}

function eventRoll(events: SedEvent[], labels: string[], resolution: number, segments: number): Uint8Array[] {
  const roll = labels.map(() => new Uint8Array(segments));
  for (const e of events) {
    const c = labels.indexOf(e.label);
    if (c < 0) continue;
    const on = Math.floor((e.onset * 1) / resolution);
    const off = Math.min(segments, Math.ceil((e.offset * 1) / resolution));
    for (let s = Math.max(0, on); s < off; s++) roll[c][s] = 1;
  }
  return roll;
}

const maxOffset = (events: SedEvent[]) => events.reduce((m, e) => Math.max(m, e.offset), 0);

export function segmentBasedMetrics(files: FilePair[], labels: string[], resolution = 1.0): SedMetrics {
  const overall: OverallCounts = { ntp: 0, nref: 0, nsys: 0, substitutions: 0, deletions: 0, insertions: 0 };
  const counts = new Map<string, ClassCounts>(labels.map((l) => [l, { ntp: 0, nfp: 0, nfn: 0, nref: 0, nsys: 0 }]));
  for (const file of files) {
    const length = file.length ?? Math.max(maxOffset(file.reference), maxOffset(file.estimated));
    const segments = Math.ceil((length * 1) / resolution);
    const ref = eventRoll(file.reference, labels, resolution, segments);
    const est = eventRoll(file.estimated, labels, resolution, segments);
    for (let s = 0; s < segments; s++) {
      let ntp = 0;
      let nref = 0;
      let nsys = 0;
      for (let c = 0; c < labels.length; c++) {
        nref += ref[c][s];
        nsys += est[c][s];
        ntp += ref[c][s] & est[c][s];
      }
      overall.ntp += ntp;
      overall.nref += nref;
      overall.nsys += nsys;
      overall.substitutions += Math.min(nref, nsys) - ntp;
      overall.deletions += Math.max(0, nref - nsys);
      overall.insertions += Math.max(0, nsys - nref);
    }
    labels.forEach((label, c) => {
      const k = counts.get(label)!;
      for (let s = 0; s < segments; s++) {
        k.ntp += ref[c][s] & est[c][s];
        k.nfp += est[c][s] & (1 - ref[c][s]);
        k.nfn += ref[c][s] & (1 - est[c][s]);
        k.nref += ref[c][s];
        k.nsys += est[c][s];
      }
    });
  }
  return {
    overall: overallScores(overall),
    ...classWiseScores(counts),
  };
}
