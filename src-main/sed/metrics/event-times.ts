/**
 * The events the metrics compare, and the times they accept. Scoring costs nothing per second of timeline, but a time that
 * is not a number, or is past any recording (often a unit slip: milliseconds or sample indices for
 * seconds), is a mistake in the list, better named than scored.
 */
/** One event of a reference or estimated list. */
export interface SedEvent {
  label: string;
  onset: number;
  offset: number;
}

/** The latest onset or offset scored: 10⁹ s, about 31.7 years. */
export const MAX_EVENT_SECONDS = 1e9;

/** Throws a one-line RangeError naming `where` and the first event whose times cannot be scored. */
export function checkEventTimes(events: readonly SedEvent[], where: string): void {
  for (const e of events) {
    const times = [e.onset, e.offset];
    const problem = times.some((t) => !Number.isFinite(t))
      ? 'is not a finite number of seconds'
      : times.some((t) => Math.abs(t) > MAX_EVENT_SECONDS)
        ? `is beyond ${MAX_EVENT_SECONDS.toExponential()} s (about 31.7 years), the longest timeline scored`
        : null;
    if (problem) throw new RangeError(`${where}: event '${e.label}' at ${e.onset}–${e.offset} s ${problem}`);
  }
}
