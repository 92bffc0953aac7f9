/**
 * Where an isolated clip actually sounds: the corpus keeps each recording's leading and trailing
 * silence, so an event's onset and offset are taken where its 20 ms frame energy first and last
 * comes within 35 dB of its loudest frame (and above −90 dBFS). Its level is the RMS of those
 * active frames, so clips recorded at −40 dBFS and at 0 dBFS mix at the same loudness.
 */
export interface ActiveSpan {
  /** First active sample. */
  start: number;
  /** One past the last active sample. */
  end: number;
  /** RMS over the frames above the threshold. */
  rms: number;
}

const FRAME = 320;
const HOP = 160;
const RANGE_DB = 35;
const FLOOR = 1e-9; // −90 dBFS mean square

export function activeSpan(samples: Float32Array): ActiveSpan | null {
  const frames = Math.max(0, Math.floor((samples.length - FRAME) / HOP) + 1);
  if (frames === 0) return null;
  const energy = new Float64Array(frames);
  let peak = 0;
  for (let f = 0; f < frames; f++) {
    let e = 0;
    for (let i = f * HOP; i < f * HOP + FRAME; i++) e += samples[i] * samples[i];
    energy[f] = e / FRAME;
    peak = Math.max(peak, energy[f]);
  }
  const threshold = Math.max(FLOOR, peak * 10 ** (-RANGE_DB / 10));
  let first = -1;
  let last = -1;
  let sum = 0;
  let count = 0;
  for (let f = 0; f < frames; f++) {
    if (energy[f] < threshold) continue;
    if (first < 0) first = f;
    last = f;
    sum += energy[f];
    count++;
  }
  if (first < 0) return null;
  return { start: first * HOP, end: Math.min(samples.length, last * HOP + FRAME), rms: Math.sqrt(sum / count) };
}
