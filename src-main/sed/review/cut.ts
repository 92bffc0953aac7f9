/**
 * A rejected segment says "no event of this class here": what is left of a detected event once the
 * segment is cut out of it. Pure.
 */

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
