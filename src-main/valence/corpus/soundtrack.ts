/**
 * The synthetic soundtrack: music-like tones whose key, register and tempo follow the base valence
 * (major and quicker when positive, minor and slower when negative), with the human recordings
 * mixed in at their planned times at a fixed loudness.
 */
import type { PlacedClip } from './event-plan.js';
import { ANALYSIS_SAMPLE_RATE } from '../../media/audio-rate.js';

const MUSIC_RMS = 0.06;
const VOICE_RMS = 0.1;

/** Tones following `base` (25 Hz valence without events). */
export function music(base: Float32Array, seconds: number, rate = ANALYSIS_SAMPLE_RATE): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  let t = 0;
  let step = 0;
  while (t < seconds) {
    const v = base[Math.min(base.length - 1, Math.floor(t * 25))];
    const length = v > 0.2 ? 0.25 : v < -0.2 ? 0.6 : 0.4;
    const root = 220 * 2 ** (0.5 * v + (step % 4 === 3 ? 5 / 12 : 0));
    const chord = [1, v >= 0 ? 5 / 4 : 6 / 5, 3 / 2];
    const from = Math.round(t * rate);
    const to = Math.min(out.length, Math.round((t + length) * rate));
    for (let i = from; i < to; i++) {
      const u = (i - from) / rate;
      const envelope = Math.min(1, u / 0.02) * Math.exp(-u / (0.6 * length));
      let s = 0;
      for (const r of chord) s += Math.sin(2 * Math.PI * root * r * (i / rate));
      out[i] += (MUSIC_RMS * 1.6 * envelope * s) / chord.length;
    }
    t += length;
    step++;
  }
  return out;
}

function rms(x: Float32Array): number {
  let s = 0;
  for (const v of x) s += v * v;
  return Math.sqrt(s / Math.max(1, x.length));
}

/**
 * Adds each clip (its samples from `decoded`) at its time, scaled to one loudness: the corpus's
 * recordings range from −45 to 0 dBFS, and an inaudible crying would teach nothing.
 */
export function mixClips(track: Float32Array, clips: PlacedClip[], decoded: Map<string, Float32Array>, rate = ANALYSIS_SAMPLE_RATE): void {
  for (const c of clips) {
    const pcm = decoded.get(c.file);
    if (!pcm) throw new Error(`clip ${c.file} was not decoded`);
    const part = pcm.subarray(0, Math.min(pcm.length, Math.round(c.length * rate)));
    const level = rms(part);
    const gain = level > 1e-5 ? VOICE_RMS / level : 0;
    const at = Math.round(c.at * rate);
    for (let i = 0; i < part.length && at + i < track.length; i++) track[at + i] += gain * part[i];
  }
  // Soft limit: louder clips stay below full scale without hard clipping.
  for (let i = 0; i < track.length; i++) track[i] = Math.tanh(track[i]);
}
