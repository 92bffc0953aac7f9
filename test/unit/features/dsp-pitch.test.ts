/** Pitch, voicing and jitter on synthetic voices whose F0 and periods are known. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PitchFrameAnalyzer } from '../../../src-main/features/emobase2010/pitch-frame.js';
import { PitchSmoother, type SmoothedPitch } from '../../../src-main/features/dsp/pitch-smoother.js';
import { JitterAnalyzer, type JitterValues } from '../../../src-main/features/dsp/pitch-jitter.js';
import { parabolaVertex } from '../../../src-main/features/dsp/parabola.js';

const RATE = 16000;

/** A vowel-like tone: 10 harmonics with 1/h amplitudes. */
function harmonicTone(f0: number, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let h = 1; h <= 10; h++) s += Math.sin((2 * Math.PI * f0 * h * i) / RATE) / h;
    return 0.3 * s;
  });
}

test('parabola vertex through three points of y = -(x-2.3)^2 + 5', () => {
  const f = (x: number) => -((x - 2.3) ** 2) + 5;
  const v = parabolaVertex(1, f(1), 2, f(2), 3, f(3), { x: 0, y: 0 });
  assert.ok(Math.abs(v.x - 2.3) < 1e-12 && Math.abs(v.y - 5) < 1e-12);
});

for (const f0 of [90, 150, 220, 400]) {
  test(`subharmonic summation finds F0 = ${f0} Hz within 1% and calls it voiced`, () => {
    const c = new PitchFrameAnalyzer().analyze(harmonicTone(f0, 960), 0);
    assert.ok(Math.abs(c.f0[0] - f0) / f0 < 0.01, `got ${c.f0[0]} Hz`);
    assert.ok(c.voicing[0] > 0.7, `voicing ${c.voicing[0]}`);
  });
}

test('white noise is not voiced', () => {
  let s = 12345;
  const x = Float32Array.from({ length: 960 }, () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.5);
  const c = new PitchFrameAnalyzer().analyze(x, 0);
  assert.ok(c.voicing[0] < 0.7, `voicing ${c.voicing[0]}`);
});

test('pitch smoother: one frame of delay, frame 0 unvoiced, isolated voiced spike removed', () => {
  const sm = new PitchSmoother(0.7);
  const out: SmoothedPitch = { f0: 0, f0Envelope: 0, voicing: 0 };
  const frames: [number, number][] = [[100, 0.9], [100, 0.9], [100, 0.9], [0, 0.1], [0, 0.1], [200, 0.9], [0, 0.1], [0, 0.1]];
  const f0s: number[] = [];
  for (const [f, v] of frames) {
    const r = sm.push(f, v, out);
    if (r) f0s.push(r.f0);
  }
  assert.equal(f0s.length, frames.length - 1);
  assert.deepEqual(f0s, [0, 100, 100, 0, 0, 0, 0]);
  assert.equal(out.f0Envelope, 100, 'the envelope holds the last voiced F0');
});

/**
 * Glottal-pulse-like train: the same decaying ringing starts every period (lengths in samples), plus a
 * little noise. Without the noise every correlation peak is exactly 1, and openSMILE's compatibility
 * threshold (see pitch-jitter.ts) then rejects every period.
 */
function pulseTrain(periods: number[], amps: number[]): Float32Array {
  const total = periods.reduce((a, b) => a + b, 0);
  const x = new Float32Array(total);
  let seed = 99;
  let at = 0;
  periods.forEach((p, k) => {
    for (let i = 0; i < p; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      x[at + i] = amps[k] * Math.exp(-i / 15) * Math.sin((2 * Math.PI * i) / 32) + 0.002 * (seed / 2 ** 32 - 0.5);
    }
    at += p;
  });
  return x;
}

function runJitter(x: Float32Array, f0: number): JitterValues[] {
  const ja = new JitterAnalyzer({ sampleRate: RATE, hop: 160, frameLength: 960, searchRangeRel: 0.25, minPeriods: 2 });
  const out: JitterValues[] = [];
  for (let t = 1; t * 160 + 960 <= x.length; t++) out.push({ ...ja.analyze({ samples: x, offset: 0 }, t * 160, f0, { jitterLocal: 0, jitterDDP: 0, shimmerLocal: 0 }) });
  return out;
}

test('a strictly periodic voice has (almost) no jitter and no shimmer', () => {
  const v = runJitter(pulseTrain(new Array(100).fill(160), new Array(100).fill(0.5)), 100);
  const late = v.slice(10);
  const worst = { jitter: Math.max(...late.map((j) => j.jitterLocal)), shimmer: Math.max(...late.map((j) => j.shimmerLocal)) };
  assert.ok(worst.jitter < 0.002 && worst.shimmer < 0.01, JSON.stringify(worst));
});

test('alternating periods and amplitudes show up as jitter and shimmer', () => {
  const periods = Array.from({ length: 100 }, (_, k) => (k % 2 ? 152 : 168));
  const amps = Array.from({ length: 100 }, (_, k) => (k % 2 ? 0.4 : 0.6));
  const v = runJitter(pulseTrain(periods, amps), 100).slice(10);
  const jitter = v.reduce((a, j) => a + j.jitterLocal, 0) / v.length;
  const shimmer = v.reduce((a, j) => a + j.shimmerLocal, 0) / v.length;
  // |ΔT| / mean T = 16/160 = 0.1 and |ΔA| / mean A = 0.2/0.5 = 0.4; period picking is coarse, so ±30%.
  assert.ok(jitter > 0.07 && jitter < 0.13, `jitter ${jitter}`);
  assert.ok(shimmer > 0.28 && shimmer < 0.52, `shimmer ${shimmer}`);
});

test('unvoiced frames give zero jitter and shimmer', () => {
  const v = runJitter(pulseTrain(new Array(40).fill(160), new Array(40).fill(0.5)), 0);
  assert.ok(v.every((j) => j.jitterLocal === 0 && j.jitterDDP === 0 && j.shimmerLocal === 0));
});
