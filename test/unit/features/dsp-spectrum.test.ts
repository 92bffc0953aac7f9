/** Spectral building blocks on synthetic signals: physics in, known numbers out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RealFft } from '../../../src-main/features/dsp/real-fft.js';
import { gaussianWindow, hammingWindow, hannWindow } from '../../../src-main/features/dsp/windows.js';
import { createMelFilterbank, hzToMel } from '../../../src-main/features/dsp/mel-filterbank.js';
import { createCepstrum } from '../../../src-main/features/dsp/cepstrum.js';
import { createSpectralResampler } from '../../../src-main/features/dsp/spectral-resample.js';
import { createSplineResampler } from '../../../src-main/features/dsp/cubic-spline.js';
import { createLogFrequencySpectrum } from '../../../src-main/features/dsp/log-frequency-spectrum.js';

const sine = (n: number, cyclesPerSample: number, amp = 1, phase = 0) =>
  Float64Array.from({ length: n }, (_, i) => amp * Math.sin(2 * Math.PI * cyclesPerSample * i + phase));

test('a sine on an FFT bin lands on that bin with magnitude N/2', () => {
  const fft = new RealFft(512);
  const spec = fft.transform(sine(512, 37 / 512));
  const mag = Array.from({ length: fft.bins }, (_, k) => Math.hypot(spec[2 * k], spec[2 * k + 1]));
  const peak = mag.indexOf(Math.max(...mag));
  assert.equal(peak, 37);
  assert.ok(Math.abs(mag[37] - 256) < 1e-5);
  assert.ok(mag[36] < 1e-6 && mag[38] < 1e-6);
});

test('a short frame is zero-padded: DC of 400 ones is 400', () => {
  const fft = new RealFft(512);
  const spec = fft.transform(new Float64Array(400).fill(1));
  assert.ok(Math.abs(spec[0] - 400) < 1e-9);
});

test('windows follow openSMILE: symmetric, Hamming ends at 0.08, Gaussian σ relative to the half-width', () => {
  const h = hammingWindow(400);
  assert.ok(Math.abs(h[0] - 0.08) < 1e-12 && Math.abs(h[399] - 0.08) < 1e-12);
  assert.ok(Math.abs(hannWindow(101)[50] - 1) < 1e-12 && hannWindow(101)[0] === 0);
  const g = gaussianWindow(961, 0.25);
  // One σ from the centre (a quarter of the half-width) the Gaussian is exp(-1/2).
  assert.ok(Math.abs(g[480] - 1) < 1e-12);
  assert.ok(Math.abs(g[480 + 120] - Math.exp(-0.5)) < 1e-12);
});

test('mel filterbank: a line at a band centre excites that band (and its neighbours\' slopes) only', () => {
  const sampleRate = 16000;
  const fftSize = 512;
  const bank = createMelFilterbank({ sampleRate, fftSize, bands: 26, lowHz: 20, highHz: 8000 });
  const lo = hzToMel(20);
  const step = (hzToMel(8000) - lo) / 27;
  // Band 10's centre in Hz, then the nearest bin; the weight there is close to 1.
  const centreHz = 700 * (Math.exp((lo + 11 * step) / 1127) - 1);
  const bin = Math.round(centreHz / (sampleRate / fftSize));
  const spectrum = new Float64Array(fftSize / 2 + 1);
  spectrum[bin] = 1;
  const out = bank.apply(spectrum, new Float64Array(26));
  assert.ok(out[10] > 0.8, `band 10 got ${out[10]}`);
  assert.ok(Math.abs(out[9] + out[10] + out[11] - 1) < 1e-12, 'the two slopes through a bin sum to 1');
  for (let b = 0; b < 26; b++) if (b < 9 || b > 11) assert.equal(out[b], 0);
});

test('cepstrum of a flat mel spectrum has only c0 = sqrt(2/M)·M·ln(v)', () => {
  const cep = createCepstrum({ bands: 26, first: 0, last: 14, lifter: 22, floor: 1e-8 });
  const out = new Float64Array(15);
  cep.apply(new Float64Array(26).fill(Math.E ** 2), out);
  assert.ok(Math.abs(out[0] - Math.sqrt(2 / 26) * 26 * 2) < 1e-9);
  for (let i = 1; i < 15; i++) assert.ok(Math.abs(out[i]) < 1e-9, `c${i} = ${out[i]}`);
  cep.apply(new Float64Array(26), out);
  assert.ok(out.every(Number.isFinite), 'silence is floored, not -Infinity');
});

test('spectral resampling keeps a 1 kHz tone at 1 kHz on the 11 kHz grid', () => {
  const fft = new RealFft(512);
  const x = new Float64Array(400);
  x.set(sine(400, 1000 / 16000));
  const r = createSpectralResampler(512, 400, 16000, 11000);
  assert.equal(r.length, 275);
  const y = r.apply(fft.transform(x), new Float64Array(r.length));
  // The output spans 25 ms at 11 kHz: compare with the ideal tone away from the frame edges.
  const fs = 11000;
  let err = 0;
  for (let i = 20; i < 255; i++) err = Math.max(err, Math.abs(y[i] - Math.sin((2 * Math.PI * 1000 * i) / fs)));
  assert.ok(err < 0.05, `max deviation ${err}`);
});

test('natural cubic spline reproduces straight lines exactly and smooth curves closely', () => {
  const knots = Float64Array.from({ length: 50 }, (_, i) => Math.sqrt(i + 1));
  const queries = Float64Array.from({ length: 200 }, (_, i) => 1 + (i * (Math.sqrt(50) - 1)) / 199);
  const spline = createSplineResampler(knots, queries);
  const out = new Float64Array(200);
  spline.apply(Array.from(knots, (k) => 3 * k - 2), out);
  queries.forEach((q, i) => assert.ok(Math.abs(out[i] - (3 * q - 2)) < 1e-9));
  // Natural end conditions (zero curvature) only bend the fit near the ends.
  spline.apply(Array.from(knots, Math.sin), out);
  queries.forEach((q, i) => {
    if (q > 2 && q < 6) assert.ok(Math.abs(out[i] - Math.sin(q)) < 1e-3, `at ${q}: ${out[i]} vs ${Math.sin(q)}`);
  });
});

test('log-frequency spectrum puts a 500 Hz peak at log2(500)', () => {
  const axis = createLogFrequencySpectrum(513, 15.625, 25);
  const mag = new Float64Array(513);
  mag[32] = 1; // 32 × 15.625 Hz = 500 Hz
  const out = axis.apply(mag, new Float64Array(axis.points));
  const peak = out.indexOf(Math.max(...out));
  const log2f = axis.minLog2 + peak * axis.stepLog2;
  assert.ok(Math.abs(log2f - Math.log2(500)) < axis.stepLog2, `peak at ${2 ** log2f} Hz`);
  assert.ok(Math.abs(axis.pointsPerOctave - 513 / Math.log2(8000 / 25)) < 1e-9);
});
