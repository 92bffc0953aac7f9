/**
 * Period-to-period jitter and shimmer from the waveform and a frame-wise F0 track, following openSMILE's
 * cPitchJitter (emobase2010 settings: search range ±25 %, two periods minimum, peak-to-peak amplitudes,
 * and its default "broken threshold" compatibility mode). Periods are found by normalised
 * cross-correlation of adjacent candidate periods; the analysis resumes each frame where the last
 * complete period ended, so state carries across frames.
 *
 * jitterLocal = mean |T_i - T_{i-1}| / mean T; jitterDDP = mean ||ΔT_i| - |ΔT_{i-1}|| / mean T;
 * shimmerLocal = mean |A_i - A_{i+1}| / mean A with A the peak-to-peak amplitude of a period.
 */
import { parabolaVertex, type Vertex } from './parabola.js';

export interface JitterValues {
  jitterLocal: number;
  jitterDDP: number;
  shimmerLocal: number;
}

/** The sample stream by absolute index: absolute sample i is samples[i - offset]. */
export interface SampleWindow {
  readonly samples: Float32Array;
  /** Absolute index of samples[0]. */
  readonly offset: number;
}

export interface JitterOptions {
  sampleRate: number;
  /** Samples between F0 frames. */
  hop: number;
  /** Samples per F0 analysis frame. */
  frameLength: number;
  searchRangeRel: number;
  minPeriods: number;
}

export class JitterAnalyzer {
  private lastIdx = 0;
  private lastMis = 0;
  private lastT0 = 0;
  private lastDiff = 0;
  private lastJitterLocal = 0;
  private lastJitterDDP = 0;
  private lastShimmer = 0;
  // openSMILE's compatibility mode overwrites its correlation threshold with the frame's running minimum
  // correlation, stored in single precision and compared with the double-precision peak: a period whose
  // peak is the minimum so far survives only when rounding to float went down.
  private threshold = 0.5;
  private cc = new Float64Array(64);
  private readonly vertex: Vertex = { x: 0, y: 0 };
  private readonly amp = { a0: 0, a1: 0 };

  constructor(private readonly o: JitterOptions) {}

  /** First absolute sample the next `analyze` call may read (older samples can be dropped). */
  get oldestNeeded(): number {
    return this.lastIdx;
  }

  /**
   * Analyses the F0 frame starting at absolute sample `frameStart` with estimate `f0` (0 = unvoiced).
   * `wave` must cover [oldestNeeded, frameStart + frameLength).
   */
  analyze(wave: SampleWindow, frameStart: number, f0: number, out: JitterValues): JitterValues {
    const { hop, frameLength, searchRangeRel, minPeriods } = this.o;
    const T = 1 / this.o.sampleRate;
    const toRead0 = hop + this.lastMis;
    let toRead = toRead0;
    let T0f = 0;
    let T0minF = 0;
    let T0maxF = 0;
    if (f0 > 0) {
      const Tf = 1 / f0 / T;
      T0f = Math.round(Tf);
      T0minF = Math.floor((1 - searchRangeRel) * Tf);
      T0maxF = Math.ceil((1 + searchRangeRel) * Tf);
      toRead = Math.max(toRead, minPeriods * T0maxF + minPeriods);
    }
    toRead = Math.min(toRead, this.lastMis + frameLength);
    if (frameStart - this.lastMis !== this.lastIdx) {
      this.lastIdx = frameStart;
      toRead = Math.min(toRead, frameLength);
    }
    const base = this.lastIdx - wave.offset;
    const x = wave.samples.subarray(base, base + toRead);
    const n = x.length;

    let nPeriods = 0;
    let nLocal = 0;
    let nDDP = 0;
    let avgPeriod = 0;
    let jitterLocal = 0;
    let jitterDDP = 0;
    let avgAmp = 0;
    let avgAmpDiff = 0;
    let lastPeriod = 0;

    if (f0 > 0) {
      const nCand = T0maxF - T0minF + 1;
      if (this.cc.length < nCand) this.cc = new Float64Array(nCand);
      const cc = this.cc;
      let minCC = -2;
      let start = 0;
      while (start < n - 2 * T0maxF - 1) {
        for (let p = T0minF; p <= T0maxF; p++) cc[p - T0minF] = crossCorrelation(x, start, start + p, p);
        let best = -1;
        let max = cc[T0f - T0minF];
        for (let i = 1; i < T0maxF - T0minF - 1; i++) {
          if (cc[i - 1] < cc[i] && cc[i] > cc[i + 1] && (best === -1 || cc[i] > max)) {
            best = i;
            max = cc[i];
          }
        }
        if (best >= 0) {
          const pp = T0minF + best;
          const os = start;
          start += pp;
          const ad = peakToPeakDifference(x, os, start, pp, this.amp);
          parabolaVertex(best - 1, cc[best - 1], best, cc[best], best + 1, cc[best + 1], this.vertex);
          const ccPeak = this.vertex.y;
          // Periods and their differences are single precision in openSMILE; equal periods then give a
          // zero difference, which decides whether the next DDP term counts.
          const period = f32(Math.abs(T0minF + this.vertex.x) * T);
          if (minCC === -2 || minCC > Math.fround(ccPeak)) minCC = Math.fround(ccPeak);
          this.threshold = minCC;
          if (ccPeak > this.threshold) {
            avgPeriod = f32(avgPeriod + period);
            nPeriods++;
            if (this.lastT0 > 0) {
              const diff = f32(Math.abs(this.lastT0 - period));
              jitterLocal = f32(jitterLocal + diff);
              nLocal++;
              if (this.lastDiff > 0) {
                jitterDDP = f32(jitterDDP + Math.abs(this.lastDiff - diff));
                nDDP++;
              }
              this.lastDiff = diff;
            }
            this.lastT0 = period;
            avgAmp = f32(avgAmp + f32((this.amp.a0 + this.amp.a1) / 2));
            avgAmpDiff = f32(avgAmpDiff + ad);
          }
        } else {
          start += T0f;
        }
        if (start < toRead0 - 1) lastPeriod = start;
      }
      this.lastMis = toRead0 - lastPeriod;
    } else {
      lastPeriod = toRead0;
      this.lastMis = 0;
      this.lastT0 = 0;
      this.lastDiff = 0;
      this.lastJitterLocal = 0;
      this.lastJitterDDP = 0;
      this.lastShimmer = 0;
    }
    this.lastIdx += lastPeriod;

    const voiced = f0 > 0;
    const meanPeriod = f32(avgPeriod / nPeriods);
    if (nPeriods > 0 && nLocal > 0 && voiced) this.lastJitterLocal = f32(f32(jitterLocal / nLocal) / meanPeriod);
    if (nPeriods > 0 && nDDP > 0 && voiced) this.lastJitterDDP = f32(f32(jitterDDP / nDDP) / meanPeriod);
    if (nPeriods > 0 && voiced) this.lastShimmer = avgAmp > 0 ? f32(avgAmpDiff / avgAmp) : 0;
    // Without any accepted period a voiced frame repeats the last values; clipped to 1 on output.
    this.lastJitterLocal = Math.min(1, this.lastJitterLocal);
    this.lastJitterDDP = Math.min(1, this.lastJitterDDP);
    this.lastShimmer = Math.min(1, this.lastShimmer);
    out.jitterLocal = voiced && (nPeriods === 0 || nLocal > 0) ? this.lastJitterLocal : 0;
    out.jitterDDP = voiced && (nPeriods === 0 || nDDP > 0) ? this.lastJitterDDP : 0;
    out.shimmerLocal = voiced ? this.lastShimmer : 0;
    return out;
  }
}

const f32 = Math.fround;

/** Pearson correlation of x[a..a+n) and x[b..b+n). */
function crossCorrelation(x: Float32Array, a: number, b: number, n: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[a + i];
    my += x[b + i];
  }
  mx /= n;
  my /= n;
  let cc = 0;
  let nx = 0;
  let ny = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[a + i] - mx;
    const dy = x[b + i] - my;
    cc += dx * dy;
    nx += dx * dx;
    ny += dy * dy;
  }
  return cc / (Math.sqrt(nx) * Math.sqrt(ny));
}

/** |range(period a) - range(period b)|, ranges taken over samples 1..n-2 of each period. */
function peakToPeakDifference(x: Float32Array, a: number, b: number, n: number, amp: { a0: number; a1: number }): number {
  amp.a0 = f32(range(x, a, n));
  amp.a1 = f32(range(x, b, n));
  return f32(Math.abs(amp.a0 - amp.a1));
}

function range(x: Float32Array, start: number, n: number): number {
  let max = x[start + 1];
  let min = max;
  for (let i = 1; i < n - 1; i++) {
    const v = x[start + i];
    if (v > max) max = v;
    if (v < min) min = v;
  }
  return max - min;
}
