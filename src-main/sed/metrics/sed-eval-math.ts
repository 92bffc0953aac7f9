/**
 * The ratio helpers of sed_eval's metric.py, with its epsilon: a class with no reference or no
 * output gets 0 (not NaN) precision or recall, and an error rate divided by eps.
 */
export const EPS = 2.220446049250313e-16; // numpy.spacing(1)

export const precision = (ntp: number, nsys: number) => ntp / (nsys + EPS);
export const recall = (ntp: number, nref: number) => ntp / (nref + EPS);
export const rate = (n: number, nref: number) => n / (nref + EPS);

export function fMeasure(p: number, r: number): number {
  return p === 0 && r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** numpy.nanmean: NaNs ignored, NaN if nothing is left. */
export function nanMean(values: number[]): number {
  const kept = values.filter((v) => !Number.isNaN(v));
  return kept.length === 0 ? NaN : kept.reduce((a, b) => a + b, 0) / kept.length;
}

export interface Scores {
  fMeasure: number;
  precision: number;
  recall: number;
  errorRate: number;
  deletionRate: number;
  insertionRate: number;
}

export interface ClassScores extends Scores {
  nref: number;
  nsys: number;
}

export interface OverallScores extends Scores {
  substitutionRate: number;
  nref: number;
  nsys: number;
}

export interface SedMetrics {
  overall: OverallScores;
  classWise: Record<string, ClassScores>;
  /** Class-wise average (macro), as sed_eval's results_class_wise_average_metrics. */
  classWiseAverage: Scores;
}

export interface ClassCounts {
  ntp: number;
  nfp: number;
  nfn: number;
  nref: number;
  nsys: number;
}

/** Class-wise scores and their average from accumulated counts (same formulas in both metrics). */
export function classWiseScores(counts: Map<string, ClassCounts>): Pick<SedMetrics, 'classWise' | 'classWiseAverage'> {
  const classWise: Record<string, ClassScores> = {};
  for (const [label, c] of counts) {
    const p = precision(c.ntp, c.nsys);
    const r = recall(c.ntp, c.nref);
    const deletionRate = rate(c.nfn, c.nref);
    const insertionRate = rate(c.nfp, c.nref);
    classWise[label] = { fMeasure: fMeasure(p, r), precision: p, recall: r, errorRate: deletionRate + insertionRate, deletionRate, insertionRate, nref: c.nref, nsys: c.nsys };
  }
  const all = Object.values(classWise);
  const avg = (key: keyof Scores) => nanMean(all.map((s) => s[key]));
  return {
    classWise,
    classWiseAverage: {
      fMeasure: avg('fMeasure'),
      precision: avg('precision'),
      recall: avg('recall'),
      errorRate: avg('errorRate'),
      deletionRate: avg('deletionRate'),
      insertionRate: avg('insertionRate'),
    },
  };
}
