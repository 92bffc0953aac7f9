/**
 * Overall scores from accumulated counts. Segment-based and event-based metrics count
 * substitutions, deletions and insertions differently but score them with the same sed_eval formulas.
 */
import { fMeasure, precision, rate, recall, type OverallScores } from './sed-eval-math.js';

export interface OverallCounts {
  ntp: number;
  nref: number;
  nsys: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

export function overallScores(c: OverallCounts): OverallScores {
  const p = precision(c.ntp, c.nsys);
  const r = recall(c.ntp, c.nref);
  const substitutionRate = rate(c.substitutions, c.nref);
  const deletionRate = rate(c.deletions, c.nref);
  const insertionRate = rate(c.insertions, c.nref);
  return {
    fMeasure: fMeasure(p, r),
    precision: p,
    recall: r,
    errorRate: substitutionRate + deletionRate + insertionRate,
    substitutionRate,
    deletionRate,
    insertionRate,
    nref: c.nref,
    nsys: c.nsys,
  };
}
