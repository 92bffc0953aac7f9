/**
 * Renders a soundscape plan directly in the mel-power domain: each clip's and bed's mel power is
 * computed once, and a mixture is their gain-weighted sum, low-passing as a per-band gain. This
 * treats the sources' powers as adding (cross terms average out within a band), which is what
 * makes fresh soundscapes for every training batch nearly free; validation soundscapes are mixed
 * as waveforms and go through the real front end, so any mismatch shows in the reported figures.
 */
import { hzToMel } from '../../features/dsp/mel-filterbank.js';
import { LOG_MEL, logMel } from '../frontend/log-mel.js';
import type { Biquad } from './filters.js';
import { lowPass } from './filters.js';
import type { SoundscapePlan, SourceClip } from './soundscape.js';

const FRAME_RATE = LOG_MEL.sampleRate / LOG_MEL.hop;

/** Linear mel power [frames × bands] of a signal, as the front end computes it. */
export function melPower(samples: Float32Array): Float32Array {
  const out = logMel(samples);
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(out[i]);
  return out;
}

const melToHz = (mel: number) => 700 * (Math.exp(mel / 1127) - 1);

/** Centre frequency of each mel band. */
export const BAND_CENTRES_HZ = (() => {
  const lo = hzToMel(LOG_MEL.lowHz);
  const step = (hzToMel(LOG_MEL.highHz) - lo) / (LOG_MEL.bands + 1);
  return Float64Array.from({ length: LOG_MEL.bands }, (_, b) => melToHz(lo + (b + 1) * step));
})();

/** |H(f)|² of a biquad at frequency f. */
export function biquadPowerGain(f: Biquad, hz: number, sampleRate: number): number {
  const w = (2 * Math.PI * hz) / sampleRate;
  const [c1, s1, c2, s2] = [Math.cos(w), Math.sin(w), Math.cos(2 * w), Math.sin(2 * w)];
  const nr = f.b0 + f.b1 * c1 + f.b2 * c2;
  const ni = -(f.b1 * s1 + f.b2 * s2);
  const dr = 1 + f.a1 * c1 + f.a2 * c2;
  const di = -(f.a1 * s1 + f.a2 * s2);
  return (nr * nr + ni * ni) / (dr * dr + di * di);
}

/**
 * Log-mel [frames × bands] of `plan` over `bedPower` (the mel power of a unit-RMS bed) starting at
 * frame `bedFrom`. `powerOf` gives each clip's precomputed mel power.
 */
export function renderMelSoundscape(
  plan: SoundscapePlan,
  powerOf: (clip: SourceClip) => Float32Array,
  bedPower: Float32Array,
  bedFrom: number,
): Float32Array {
  const bands = LOG_MEL.bands;
  const frames = Math.round(plan.durationS * FRAME_RATE);
  if ((bedFrom + frames) * bands > bedPower.length) throw new Error('the bed is shorter than the soundscape');
  const mix = new Float32Array(frames * bands);
  const bedG = plan.bedGain * plan.bedGain;
  for (let i = 0; i < mix.length; i++) mix[i] = bedPower[bedFrom * bands + i] * bedG;
  const bandGain = new Float64Array(bands);
  for (const p of plan.placements) {
    const src = powerOf(p.clip);
    const g = p.gain * p.gain;
    const lp = p.lowPassHz === null ? null : lowPass(p.lowPassHz, plan.sampleRate);
    for (let b = 0; b < bands; b++) bandGain[b] = g * (lp ? biquadPowerGain(lp, BAND_CENTRES_HZ[b], plan.sampleRate) ** 2 : 1);
    const from = Math.round(p.from * FRAME_RATE);
    const at = Math.round(p.at * FRAME_RATE);
    const len = Math.min(Math.round(p.length * FRAME_RATE), frames - at, src.length / bands - from);
    for (let f = 0; f < len; f++) {
      const s = (from + f) * bands;
      const d = (at + f) * bands;
      for (let b = 0; b < bands; b++) mix[d + b] += src[s + b] * bandGain[b];
    }
  }
  for (let i = 0; i < mix.length; i++) mix[i] = Math.log(Math.max(mix[i], LOG_MEL.floor));
  return mix;
}
