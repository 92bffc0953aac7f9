/** Which stored series stand for a film's raters when their agreement is measured. */
import type { ValenceSeriesInfo } from '../../contract/domain.js';

export interface RaterTrace {
  rater: string;
  seriesId: number;
}

/**
 * One annotation per rater, the newest (highest id) where a rater has several; predictions are not
 * raters. A trace with no rater (imported before raters existed) stands for a rater of its own name,
 * as the raters migration names them. In order of first appearance.
 */
export function raterTraces(series: readonly ValenceSeriesInfo[]): RaterTrace[] {
  const newest = new Map<string, number>();
  for (const s of [...series].sort((a, b) => a.id - b.id)) if (s.kind === 'annotation') newest.set(s.rater ?? s.name, s.id);
  return [...newest].map(([rater, seriesId]) => ({ rater, seriesId }));
}
