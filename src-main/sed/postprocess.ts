/**
 * Frame activity → events, per class: median filter, threshold, close gaps shorter than `minGapS`,
 * drop events shorter than `minDurationS`. Pure; times in seconds from the first frame's start.
 */
export interface ClassPostprocess {
  threshold: number;
  /** Median filter length in frames (odd; 1 = off). */
  medianFrames: number;
  minDurationS: number;
  minGapS: number;
}

export interface DetectedEvent {
  label: string;
  onset: number;
  offset: number;
  /** Mean activity over the event's frames. */
  confidence: number;
}

export const DEFAULT_POSTPROCESS: ClassPostprocess = { threshold: 0.5, medianFrames: 7, minDurationS: 0.2, minGapS: 0.3 };

/** Running median with a window truncated at the edges. */
export function medianFilter(x: Float32Array, window: number): Float32Array {
  if (window <= 1) return x.slice();
  const half = Math.floor(window / 2);
  const out = new Float32Array(x.length);
  const buf: number[] = [];
  for (let i = 0; i < x.length; i++) {
    buf.length = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(x.length - 1, i + half); j++) buf.push(x[j]);
    buf.sort((a, b) => a - b);
    const m = buf.length >> 1;
    out[i] = buf.length % 2 ? buf[m] : (buf[m - 1] + buf[m]) / 2;
  }
  return out;
}

/**
 * `activity` is row-major [frames × classes.length] at `rate` frames per second; `settings[c]`
 * applies to classes[c]. Events come back sorted by onset.
 */
export function activityToEvents(
  activity: Float32Array,
  classes: readonly string[],
  rate: number,
  settings: readonly ClassPostprocess[],
): DetectedEvent[] {
  const k = classes.length;
  const frames = activity.length / k;
  const events: DetectedEvent[] = [];
  for (let c = 0; c < k; c++) {
    const s = settings[c];
    const column = new Float32Array(frames);
    for (let f = 0; f < frames; f++) column[f] = activity[f * k + c];
    const smooth = medianFilter(column, s.medianFrames);
    const runs: Array<[number, number]> = [];
    for (let f = 0; f < frames; ) {
      if (smooth[f] < s.threshold) {
        f++;
        continue;
      }
      const start = f;
      while (f < frames && smooth[f] >= s.threshold) f++;
      const last = runs[runs.length - 1];
      if (last && (start - last[1]) / rate < s.minGapS) last[1] = f;
      else runs.push([start, f]);
    }
    for (const [start, end] of runs) {
      if ((end - start) / rate < s.minDurationS) continue;
      let sum = 0;
      for (let f = start; f < end; f++) sum += column[f];
      events.push({ label: classes[c], onset: start / rate, offset: end / rate, confidence: sum / (end - start) });
    }
  }
  return events.sort((a, b) => a.onset - b.onset || a.label.localeCompare(b.label));
}
