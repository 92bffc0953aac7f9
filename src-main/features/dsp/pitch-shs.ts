/**
 * Pitch candidates by subharmonic summation on an octave-scaled magnitude spectrum (Hermes 1988, as
 * openSMILE's cPitchShs + cPitchBase): the spectrum is shifted down by log2(h) for harmonics h = 2..H,
 * weighted by c^(h-1) and summed, so energy at f, 2f, 3f… piles up at f. Peaks of the sum are the
 * candidates; voicing is 1 - mean/peak.
 */
import { parabolaVertex, type Vertex } from './parabola.js';

export interface ShsOptions {
  /** Points of the log2-frequency input spectrum. */
  points: number;
  pointsPerOctave: number;
  minLog2: number;
  stepLog2: number;
  harmonics: number;
  compression: number;
  candidates: number;
  minPitchHz: number;
  maxPitchHz: number;
}

export interface PitchCandidates {
  /** Number of valid candidates after the pitch-range filter. */
  count: number;
  /** Candidate 0 has the highest score; empty slots are 0. */
  readonly f0: Float64Array;
  readonly voicing: Float64Array;
  readonly score: Float64Array;
}

export interface ShsPitchDetector {
  detect(logSpectrum: ArrayLike<number>, out: PitchCandidates): PitchCandidates;
}

const f32 = Math.fround;

export function createPitchCandidates(n: number): PitchCandidates {
  return { count: 0, f0: new Float64Array(n), voicing: new Float64Array(n), score: new Float64Array(n) };
}

export function createShsPitchDetector(o: ShsOptions): ShsPitchDetector {
  const n = o.points;
  const nc = o.candidates;
  // openSMILE keeps these in single precision; matching that keeps the integer shifts identical.
  const ppo = Math.fround(o.pointsPerOctave);
  const shifts = Int32Array.from({ length: o.harmonics - 1 }, (_, i) => Math.floor(ppo * (Math.log(i + 2) / Math.LN2)));
  const weights = new Float64Array(o.harmonics - 1);
  for (let i = 0, w = f32(o.compression); i < weights.length; i++, w = f32(w * f32(o.compression))) weights[i] = w;
  const fMin = Math.fround(o.minLog2);
  const fStep = Math.fround(o.stepLog2);
  const sum = new Float32Array(n);
  const peak: Vertex = { x: 0, y: 0 };

  return {
    detect(spec, out) {
      const { f0, voicing, score } = out;
      f0.fill(0);
      voicing.fill(0);
      score.fill(0);
      // Single-precision sums, as openSMILE: candidate scores then match it to the last bit, and ties
      // between near-equal peaks break the same way.
      // (`sum` is a Float32Array, so every store rounds.)
      for (let j = 0; j < n; j++) sum[j] = spec[j];
      for (let h = 0; h < shifts.length; h++) {
        const shift = shifts[h];
        const w = weights[h];
        for (let j = shift; j < n; j++) sum[j - shift] += f32(spec[j] * w);
      }
      for (let j = 0; j < n; j++) {
        const v = sum[j] / o.harmonics;
        sum[j] = v < 0 ? 0 : v;
      }

      // Running maxima from low to high frequency: each peak higher than the current best pushes the
      // earlier ones down the list.
      let count = 0;
      let mean = sum[0];
      for (let i = 1; i < n - 1; i++) {
        if (sum[i - 1] < sum[i] && sum[i] > sum[i + 1] && (sum[i] > score[0] || score[0] === 0)) {
          for (let j = nc - 1; j > 0; j--) {
            score[j] = score[j - 1];
            f0[j] = f0[j - 1];
          }
          f0[0] = i;
          score[0] = sum[i];
          if (count < nc) count++;
        }
        mean += sum[i];
      }
      mean = (mean + sum[n - 1]) / n;

      for (let c = 0; c < count; c++) {
        const j = f0[c];
        const f = Math.fround(j * fStep + fMin);
        const fUp = Math.fround((j + 1) * fStep + fMin);
        const fDown = Math.fround((j - 1) * fStep + fMin);
        parabolaVertex(fDown, sum[j - 1], f, sum[j], fUp, sum[j + 1], peak);
        f0[c] = f32(Math.exp(peak.x * Math.LN2));
        score[c] = f32(peak.y);
        voicing[c] = peak.y > 0 && peak.y > mean ? f32(1 - mean / peak.y) : 0;
      }

      out.count = keepInRange(out, count, o.minPitchHz, o.maxPitchHz);
      moveBestFirst(out);
      return out;
    },
  };
}

/** Drops candidates outside [min, max] Hz, closing the gaps (openSMILE's cPitchBase order). */
function keepInRange({ f0, voicing, score }: PitchCandidates, count: number, min: number, max: number): number {
  const nc = f0.length;
  for (let i = 0; i < nc && count > 0; i++) {
    if (f0[i] > max || f0[i] < min) {
      const removed = f0[i];
      for (let j = i + 1; j < nc; j++) {
        f0[j - 1] = f0[j];
        voicing[j - 1] = voicing[j];
        score[j - 1] = score[j];
      }
      f0[nc - 1] = 0;
      voicing[nc - 1] = 0;
      score[nc - 1] = 0;
      if (removed > 0) {
        count--;
        i--;
      }
    }
  }
  return count;
}

function moveBestFirst({ f0, voicing, score }: PitchCandidates): void {
  let best = 0;
  for (let i = 1; i < score.length; i++) if (score[i] > score[best]) best = i;
  if (best === 0) return;
  [f0[0], f0[best]] = [f0[best], f0[0]];
  [voicing[0], voicing[best]] = [voicing[best], voicing[0]];
  [score[0], score[best]] = [score[best], score[0]];
}
