/**
 * A cheap voice-pitch track beside the tagger, for telling male from female speech: AudioSet's own
 * male/female outputs are weak, and a head trained on a few dozen voices learns the voices, not
 * their sex; fundamental frequency is the cue that transfers. YIN (de Cheveigné & Kawahara 2002)
 * on the signal decimated to 8 kHz, 30 ms frames every 20 ms, 60–400 Hz. Written here because it
 * is a few dozen lines and must stream in step with the tagger; no maintained npm package does.
 *
 * Per tagger window the summary is [voiced share, median log2(F0 / 150 Hz) of voiced frames (0 when
 * none), share of voiced frames below 160 Hz, share above 180 Hz].
 */
export const PITCH = { rate: 8000, frame: 240, hop: 160, minHz: 60, maxHz: 400, threshold: 0.25, fallback: 0.45, floorDb: -70 } as const;
export const PITCH_DIMS = 4;
/** Pitch frames per second. */
export const PITCH_FPS = PITCH.rate / PITCH.hop;

const TAU_MIN = Math.floor(PITCH.rate / PITCH.maxHz);
const TAU_MAX = Math.ceil(PITCH.rate / PITCH.minHz);
const FLOOR = 10 ** (PITCH.floorDb / 10);

/** F0 of one frame (x[0 .. frame + TAU_MAX)), or 0 when unvoiced. */
export function yinFrame(x: Float32Array, at: number, d: Float64Array): number {
  let energy = 0;
  for (let i = 0; i < PITCH.frame; i++) energy += x[at + i] * x[at + i];
  if (energy / PITCH.frame < FLOOR) return 0;
  let running = 0;
  d[0] = 1;
  for (let tau = 1; tau <= TAU_MAX; tau++) {
    let sum = 0;
    for (let i = 0; i < PITCH.frame; i++) {
      const diff = x[at + i] - x[at + i + tau];
      sum += diff * diff;
    }
    running += sum;
    d[tau] = running > 0 ? (sum * tau) / running : 1;
  }
  // The first dip under the threshold (YIN step 4), else the deepest one if it is clear enough:
  // creaky and band-limited voices rarely dip as low as clean ones.
  let pick = -1;
  let deepest = TAU_MIN;
  for (let tau = TAU_MIN; tau < TAU_MAX; tau++) {
    if (d[tau] < d[deepest]) deepest = tau;
    if (pick < 0 && d[tau] < PITCH.threshold) {
      while (tau + 1 < TAU_MAX && d[tau + 1] < d[tau]) tau++;
      pick = tau;
    }
  }
  if (pick < 0 && d[deepest] < PITCH.fallback) pick = deepest;
  if (pick < 0) return 0;
  const [a, b, c] = [d[pick - 1], d[pick], d[pick + 1]];
  const den = a - 2 * b + c;
  const shift = den > 0 ? (0.5 * (a - c)) / den : 0;
  return PITCH.rate / (pick + Math.max(-0.5, Math.min(0.5, shift)));
}

/** 16 kHz PCM in, F0 per 20 ms frame out (frame j starts at 20·j ms). */
export class PitchTrack {
  private buf = new Float32Array(0);
  private carry = new Float32Array(0);
  private readonly d = new Float64Array(TAU_MAX + 2);

  push(pcm16k: Float32Array): Float32Array {
    // [1 2 1] / 4 then every other sample: pitch lives far below the 4 kHz this leaves.
    const joined = new Float32Array(this.carry.length + pcm16k.length);
    joined.set(this.carry);
    joined.set(pcm16k, this.carry.length);
    const n = Math.max(0, Math.floor((joined.length - 1) / 2));
    const dec = new Float32Array(n);
    for (let i = 0; i < n; i++) dec[i] = 0.25 * (joined[2 * i] + 2 * joined[2 * i + 1] + joined[2 * i + 2]);
    this.carry = joined.slice(2 * n);
    return this.frames(dec, false);
  }

  finish(): Float32Array {
    const tail = new Float32Array(PITCH.frame + TAU_MAX);
    return this.frames(tail, true);
  }

  private frames(fresh: Float32Array, last: boolean): Float32Array {
    const joined = new Float32Array(this.buf.length + fresh.length);
    joined.set(this.buf);
    joined.set(fresh, this.buf.length);
    const need = PITCH.frame + TAU_MAX + 1;
    const count = joined.length >= need ? Math.floor((joined.length - need) / PITCH.hop) + 1 : 0;
    // At the end, frames start up to the end of the real signal (the zero tail stands in for what follows).
    const real = last ? joined.length - fresh.length : Infinity;
    const out: number[] = [];
    for (let j = 0; j < count && j * PITCH.hop < real; j++) out.push(yinFrame(joined, j * PITCH.hop, this.d));
    this.buf = joined.slice(Math.min(joined.length, out.length * PITCH.hop));
    return Float32Array.from(out);
  }
}

/** Summary of the F0 frames [from, to) (indices beyond `f0` are ignored). */
export function pitchSummary(f0: ArrayLike<number>, from: number, to: number, out: Float32Array, at: number): void {
  const voiced: number[] = [];
  let frames = 0;
  for (let j = Math.max(0, from); j < Math.min(to, f0.length); j++, frames++) if (f0[j] > 0) voiced.push(f0[j]);
  out.fill(0, at, at + PITCH_DIMS);
  if (frames === 0 || voiced.length === 0) return;
  voiced.sort((a, b) => a - b);
  out[at] = voiced.length / frames;
  out[at + 1] = Math.log2(voiced[voiced.length >> 1] / 150);
  out[at + 2] = voiced.filter((f) => f < 160).length / voiced.length;
  out[at + 3] = voiced.filter((f) => f > 180).length / voiced.length;
}
