/**
 * Background beds for synthetic soundscapes: the corpus has no film backgrounds, so beds are
 * synthesised (coloured noise, mains hum, wind-like ambience, instrumental music with chords and
 * drums, which films are full of and which must not read as singing or speech) or cut from real
 * recordings without human sounds. Every bed comes back at unit RMS; the mixer sets its level.
 */
import { applyBiquad, highPass, lowPass } from './filters.js';
import type { Rng } from '../../util/random.js';

export type SyntheticBed = 'noise' | 'hum' | 'ambience' | 'music';
export const SYNTHETIC_BEDS: SyntheticBed[] = ['noise', 'hum', 'ambience', 'music'];

export function synthBed(kind: SyntheticBed, samples: number, sampleRate: number, rng: Rng): Float32Array {
  const out = kind === 'noise' ? colouredNoise(samples, rng) : kind === 'hum' ? hum(samples, sampleRate, rng) : kind === 'ambience' ? ambience(samples, sampleRate, rng) : music(samples, sampleRate, rng);
  return toUnitRms(out);
}

/** A random excerpt of a real recording (looped if shorter), at unit RMS. */
export function cutBed(recording: Float32Array, samples: number, rng: Rng): Float32Array {
  const out = new Float32Array(samples);
  let at = recording.length > samples ? rng.int(recording.length - samples) : 0;
  for (let i = 0; i < samples; i++, at++) out[i] = recording[at % recording.length];
  return toUnitRms(out);
}

function toUnitRms(x: Float32Array): Float32Array {
  let e = 0;
  for (const v of x) e += v * v;
  const rms = Math.sqrt(e / Math.max(1, x.length));
  if (rms > 0) for (let i = 0; i < x.length; i++) x[i] /= rms;
  return x;
}

/** White, pink or brown noise blended at random. */
function colouredNoise(n: number, rng: Rng): Float32Array {
  const [w, p, b] = [rng.next(), rng.next(), rng.next()];
  const out = new Float32Array(n);
  // Paul Kellett's economy pink filter; a leaky integrator for brown.
  let p0 = 0, p1 = 0, p2 = 0, brown = 0;
  for (let i = 0; i < n; i++) {
    const white = rng.normal();
    p0 = 0.99765 * p0 + white * 0.099046;
    p1 = 0.963 * p1 + white * 0.2965164;
    p2 = 0.57 * p2 + white * 1.0526913;
    const pink = (p0 + p1 + p2 + white * 0.1848) * 0.2;
    brown = 0.995 * brown + white * 0.1;
    out[i] = w * white + p * pink + b * brown;
  }
  return out;
}

/** Mains hum (50 or 60 Hz with decaying odd and even harmonics) over faint noise. */
function hum(n: number, sr: number, rng: Rng): Float32Array {
  const f0 = rng.next() < 0.5 ? 50 : 60;
  const amps = Array.from({ length: 8 }, (_, k) => rng.uniform(0.2, 1) / (k + 1));
  const phases = amps.map(() => rng.uniform(0, 2 * Math.PI));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0.05 * rng.normal();
    for (let k = 0; k < amps.length; k++) v += amps[k] * Math.sin((2 * Math.PI * f0 * (k + 1) * i) / sr + phases[k]);
    out[i] = v;
  }
  return out;
}

/** Wind or rain: band-limited noise with a slow random swell. */
function ambience(n: number, sr: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  applyBiquad(out, lowPass(rng.uniform(300, 4000), sr, rng.uniform(0.5, 2)));
  applyBiquad(out, highPass(rng.uniform(30, 300), sr));
  const rate = rng.uniform(0.05, 0.6);
  const phase = rng.uniform(0, 2 * Math.PI);
  const depth = rng.uniform(0, 0.8);
  for (let i = 0; i < n; i++) out[i] *= 1 - depth * 0.5 * (1 + Math.sin((2 * Math.PI * rate * i) / sr + phase));
  return out;
}

/** Chords of harmonic notes on a beat (plucked or sustained), a bass line, and sometimes drums. */
function music(n: number, sr: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  const beat = Math.round((60 / rng.uniform(60, 160)) * sr);
  const scale = [0, 2, 4, 5, 7, 9, 11].map((s) => s + rng.int(12));
  const plucked = rng.next() < 0.5;
  const harmonics = 1 + rng.int(8);
  const tilt = rng.uniform(0.5, 2);
  const drums = rng.next() < 0.5;
  const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);
  for (let start = 0; start < n; start += beat * (1 + rng.int(2))) {
    const length = Math.min(n - start, beat * (plucked ? 4 : 2));
    const notes = [36 + rng.pick(scale), ...Array.from({ length: 1 + rng.int(3) }, () => 52 + rng.pick(scale) + 12 * rng.int(2))];
    for (const midi of notes) {
      const f = hz(midi);
      const decay = plucked ? rng.uniform(2, 8) : 0.5;
      const maxK = Math.max(1, Math.min(harmonics, Math.floor(sr / 2 / f) - 1));
      const table = harmonicTable(maxK, tilt);
      const step = (f / sr) * TABLE_SIZE;
      for (let i = 0; i < length; i++) {
        const t = i / sr;
        const env = Math.exp(-decay * t) * Math.min(1, t * 200) * Math.min(1, (length - i) / 200);
        out[start + i] += env * table[Math.floor(i * step) % TABLE_SIZE];
      }
    }
    if (drums) {
      const len = Math.min(n - start, Math.round(0.15 * sr));
      const body = rng.uniform(50, 120);
      for (let i = 0; i < len; i++) out[start + i] += Math.exp(-(i / sr) * 30) * (Math.sin(2 * Math.PI * body * (i / sr)) + 0.5 * rng.normal());
    }
  }
  return out;
}

const TABLE_SIZE = 4096;

/** One period of Σ_k sin(2πkx)/k^tilt: notes are played from it instead of summing sines per sample. */
function harmonicTable(harmonics: number, tilt: number): Float32Array {
  const table = new Float32Array(TABLE_SIZE);
  for (let k = 1; k <= harmonics; k++) {
    const a = 1 / k ** tilt;
    for (let j = 0; j < TABLE_SIZE; j++) table[j] += a * Math.sin((2 * Math.PI * k * j) / TABLE_SIZE);
  }
  return table;
}
