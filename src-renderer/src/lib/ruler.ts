/** Tick spacing and labels of the time ruler. */

const STEPS = [0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** The smallest "nice" step that leaves at least `minPx` between labelled ticks. */
export function tickStep(pxPerSec: number, minPx = 80): number {
  return STEPS.find((s) => s * pxPerSec >= minPx) ?? STEPS[STEPS.length - 1];
}

/** Tick times from the first multiple of `step` at or after `from` up to `to`. */
export function ticks(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  const first = Math.ceil(from / step - 1e-9);
  for (let i = first; i * step <= to + 1e-9; i++) out.push(i * step);
  return out;
}

/** h:mm:ss, with as many decimals as the step needs. */
export function formatTime(t: number, step = 1): string {
  const decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
  const sign = t < 0 ? '-' : '';
  // Round first so 59.97 s prints as 1:00.0, not 0:60.0.
  const scale = 10 ** decimals;
  const abs = Math.round(Math.abs(t) * scale) / scale;
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const ss = (abs % 60).toFixed(decimals).padStart(decimals ? 3 + decimals : 2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}` : `${sign}${m}:${ss}`;
}
