/**
 * A rejected segment says "no event of this class here": what is left of a detected event once the
 * segment is cut out of it. Pure.
 */

/** A piece of a detected event shorter than a post-processed event may be (0.2 s) is dropped. */
export const MIN_PIECE_S = 0.2;

export interface Span {
  onset: number;
  offset: number;
}

/**
 * The parts of `span` outside [start, end): none, one (trimmed) or two (split), in time order. A part
 * shorter than `minLength` seconds is dropped: a sliver left at the segment's edge is no event.
 */
export function cutOut(span: Span, start: number, end: number, minLength: number): Span[] {
  if (span.offset <= start || span.onset >= end) return [{ onset: span.onset, offset: span.offset }];
  const parts = [
    { onset: span.onset, offset: Math.min(span.offset, start) },
    { onset: Math.max(span.onset, end), offset: span.offset },
  ];
  return parts.filter((p) => p.offset - p.onset >= minLength);
}

/**
 * Detected events with every rejected span of their class cut out (a verdict outlives the next
 * Analyze, which would otherwise put the rejected detection back).
 */
export function withoutRejected<E extends Span & { label: string }>(events: readonly E[], rejected: ReadonlyArray<{ label: string; start: number; end: number }>): E[] {
  return events.flatMap((e) => {
    let parts: Span[] = [e];
    for (const r of rejected) if (r.label === e.label) parts = parts.flatMap((p) => cutOut(p, r.start, r.end, MIN_PIECE_S));
    return parts.map((p) => ({ ...e, ...p }));
  });
}
