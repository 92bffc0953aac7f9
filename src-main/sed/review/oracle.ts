/**
 * The verdict a reviewer who knows the true events gives a queued segment, for measuring the queue
 * (scripts/review-study.ts) without people: accept when the segment's class covers at least half of
 * it, relabel to the class that covers most of it when one covers at least half, else reject. Pure.
 */
import { covered, type LabelledSpan } from './segments.js';

export type OracleVerdict = { verdict: 'accept' } | { verdict: 'reject' } | { verdict: 'relabel'; label: string };

export function oracleVerdict(segment: LabelledSpan, truth: readonly LabelledSpan[]): OracleVerdict {
  const half = (segment.end - segment.start) / 2;
  const cover = (label: string) => covered(segment.start, segment.end, truth.filter((t) => t.label === label));
  if (cover(segment.label) >= half) return { verdict: 'accept' };
  const best = [...new Set(truth.map((t) => t.label))]
    .filter((l) => l !== segment.label)
    .map((label) => ({ label, seconds: cover(label) }))
    .sort((a, b) => b.seconds - a.seconds)[0];
  return best && best.seconds >= half ? { verdict: 'relabel', label: best.label } : { verdict: 'reject' };
}
