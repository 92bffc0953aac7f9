// Small YIN-style F0 estimator used only to split speech into male / female.
// Self-contained on purpose: the corpus script must not depend on the app's
// feature pipeline changing under it, and a median over voiced frames is robust
// enough for a coarse sex split (the 155..175 Hz band is dropped anyway).

const FMIN = 60;
const FMAX = 450;
const YIN_THRESHOLD = 0.15;

/** Median F0 (Hz) of voiced frames, or null when fewer than `minVoiced` frames are voiced. */
export function medianF0(x: Float32Array, sr: number, minVoiced = 10): number | null {
  const frame = Math.round(0.04 * sr);
  const hop = Math.round(0.01 * sr);
  const tauMin = Math.floor(sr / FMAX);
  const tauMax = Math.ceil(sr / FMIN);
  if (x.length < frame + tauMax) return null;

  // Energy gate: frames quieter than -35 dB below the loudest frame are unvoiced.
  const rms: number[] = [];
  for (let s = 0; s + frame + tauMax <= x.length; s += hop) {
    let e = 0;
    for (let i = 0; i < frame; i++) e += x[s + i] * x[s + i];
    rms.push(Math.sqrt(e / frame));
  }
  const gate = Math.max(...rms) * Math.pow(10, -35 / 20);

  const d = new Float64Array(tauMax + 1);
  const f0s: number[] = [];
  rms.forEach((level, k) => {
    if (level < gate || level < 1e-4) return;
    const s = k * hop;
    // Difference function and its cumulative-mean normalisation (YIN steps 2-3).
    d[0] = 1;
    let running = 0;
    for (let tau = 1; tau <= tauMax; tau++) {
      let sum = 0;
      for (let i = 0; i < frame; i++) {
        const diff = x[s + i] - x[s + i + tau];
        sum += diff * diff;
      }
      running += sum;
      d[tau] = running > 0 ? (sum * tau) / running : 1;
    }
    // First dip under the threshold, then walk down to its local minimum (YIN step 4).
    for (let tau = tauMin; tau < tauMax; tau++) {
      if (d[tau] < YIN_THRESHOLD) {
        while (tau + 1 < tauMax && d[tau + 1] < d[tau]) tau++;
        // Parabolic interpolation for sub-sample period.
        const a = d[tau - 1], b = d[tau], c = d[tau + 1];
        const den = a - 2 * b + c;
        const shift = den !== 0 ? (0.5 * (a - c)) / den : 0;
        f0s.push(sr / (tau + Math.max(-1, Math.min(1, shift))));
        return;
      }
    }
  });
  if (f0s.length < minVoiced) return null;
  f0s.sort((p, q) => p - q);
  return f0s[Math.floor(f0s.length / 2)];
}
