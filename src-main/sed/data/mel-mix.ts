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
import type { Rng } from '../../util/random.js';
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

/** Fractional band index of a frequency (band b's centre is at index b). */
function bandAt(hz: number): number {
  const lo = hzToMel(LOG_MEL.lowHz);
  const step = (hzToMel(LOG_MEL.highHz) - lo) / (LOG_MEL.bands + 1);
  return (hzToMel(hz) - lo) / step - 1;
}

/** Power gains of a smooth random curve: two cosines over the bands, within ±eqDb dB. */
function randomEq({ rng, eqDb }: MelAugment): Float64Array {
  const bands = LOG_MEL.bands;
  const [a1, a2] = [rng.uniform(-1, 1), rng.uniform(-1, 1)];
  const [p1, p2] = [rng.uniform(0, 2 * Math.PI), rng.uniform(0, 2 * Math.PI)];
  const out = new Float64Array(bands);
  for (let b = 0; b < bands; b++) {
    const db = (eqDb / 2) * (a1 * Math.cos((Math.PI * b) / bands + p1) + a2 * Math.cos((3 * Math.PI * b) / bands + p2));
    out[b] = 10 ** (db / 10);
  }
  return out;
}

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
 * Per-event variation for training: a random smooth equaliser (up to ±`eqDb` dB across the bands)
 * and a frequency-axis scaling by up to ±`warp` (as vocal tract length perturbation), so no voice,
 * microphone or codec colouring can stand in for a class.
 */
export interface MelAugment {
  rng: Rng;
  eqDb: number;
  warp: number;
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
  augment?: MelAugment,
): Float32Array {
  const bands = LOG_MEL.bands;
  const frames = Math.round(plan.durationS * FRAME_RATE);
  if ((bedFrom + frames) * bands > bedPower.length) throw new Error('the bed is shorter than the soundscape');
  const mix = new Float32Array(frames * bands);
  const bedG = plan.bedGain * plan.bedGain;
  for (let i = 0; i < mix.length; i++) mix[i] = bedPower[bedFrom * bands + i] * bedG;
  const bandGain = new Float64Array(bands);
  const srcBand = new Int32Array(bands);
  const srcFrac = new Float64Array(bands);
  for (const p of plan.placements) {
    const src = powerOf(p.clip);
    const g = p.gain * p.gain;
    const lp = p.lowPassHz === null ? null : lowPass(p.lowPassHz, plan.sampleRate);
    const eq = augment ? randomEq(augment) : null;
    const scale = augment ? 1 + augment.rng.uniform(-augment.warp, augment.warp) : 1;
    for (let b = 0; b < bands; b++) {
      bandGain[b] = g * (lp ? biquadPowerGain(lp, BAND_CENTRES_HZ[b], plan.sampleRate) ** 2 : 1) * (eq ? eq[b] : 1);
      // Output band b takes the source at frequency f_b / scale, interpolated between bands.
      const at = Math.min(bands - 1, Math.max(0, bandAt(BAND_CENTRES_HZ[b] / scale)));
      srcBand[b] = Math.min(bands - 2, Math.floor(at));
      srcFrac[b] = at - srcBand[b];
    }
    const from = Math.round(p.from * FRAME_RATE);
    const at = Math.round(p.at * FRAME_RATE);
    const len = Math.min(Math.round(p.length * FRAME_RATE), frames - at, src.length / bands - from);
    for (let f = 0; f < len; f++) {
      const s = (from + f) * bands;
      const d = (at + f) * bands;
      if (scale === 1) {
        for (let b = 0; b < bands; b++) mix[d + b] += src[s + b] * bandGain[b];
      } else {
        for (let b = 0; b < bands; b++) {
          const lo = src[s + srcBand[b]];
          mix[d + b] += (lo + (src[s + srcBand[b] + 1] - lo) * srcFrac[b]) * bandGain[b];
        }
      }
    }
  }
  for (let i = 0; i < mix.length; i++) mix[i] = Math.log(Math.max(mix[i], LOG_MEL.floor));
  return mix;
}
