/** The playback speeds a person can pick, slowest first; 1 is real time. */
export const SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;

/** The next speed up (`direction` 1) or down (−1) from `current`, held at the ends; an off-list speed moves to its neighbour. */
export function stepSpeed(current: number, direction: 1 | -1): number {
  if (direction > 0) return SPEEDS.find((s) => s > current) ?? SPEEDS[SPEEDS.length - 1];
  return [...SPEEDS].reverse().find((s) => s < current) ?? SPEEDS[0];
}

/** "0.25×", "1×", "1.5×". */
export const formatSpeed = (speed: number): string => `${speed}×`;
