/**
 * Pitch candidates of one 60 ms frame: Gaussian window, 1024-point magnitude spectrum, octave-scale
 * resampling from 25 Hz, subharmonic summation.
 */
import { gaussianWindow } from '../dsp/windows.js';
import { RealFft } from '../dsp/real-fft.js';
import { createLogFrequencySpectrum } from '../dsp/log-frequency-spectrum.js';
import { createPitchCandidates, createShsPitchDetector, type PitchCandidates } from '../dsp/pitch-shs.js';
import { PITCH_FFT, PITCH_FRAME, PITCH_WINDOW_SIGMA, SAMPLE_RATE, SHS } from './config.js';

const f32 = Math.fround;

export class PitchFrameAnalyzer {
  private readonly window = gaussianWindow(PITCH_FRAME, PITCH_WINDOW_SIGMA).map(Math.fround);
  private readonly frame = new Float64Array(PITCH_FRAME);
  private readonly fft = new RealFft(PITCH_FFT);
  private readonly magnitude = new Float64Array(PITCH_FFT / 2 + 1);
  private readonly axis = createLogFrequencySpectrum(PITCH_FFT / 2 + 1, SAMPLE_RATE / PITCH_FFT, SHS.minHz);
  private readonly logSpectrum = new Float64Array(this.axis.points);
  private readonly detector = createShsPitchDetector({
    points: this.axis.points,
    pointsPerOctave: this.axis.pointsPerOctave,
    minLog2: this.axis.minLog2,
    stepLog2: this.axis.stepLog2,
    harmonics: SHS.harmonics,
    compression: SHS.compression,
    candidates: SHS.candidates,
    minPitchHz: SHS.minPitchHz,
    maxPitchHz: SHS.maxPitchHz,
  });
  readonly candidates: PitchCandidates = createPitchCandidates(SHS.candidates);

  /** Analyses PITCH_FRAME samples from `start`; the best candidate is `candidates.f0[0]`. */
  analyze(samples: ArrayLike<number>, start: number): PitchCandidates {
    const w = this.window;
    const x = this.frame;
    for (let i = 0; i < PITCH_FRAME; i++) x[i] = f32(samples[start + i] * w[i]);
    const spec = this.fft.transform(x);
    // openSMILE keeps spectra in single precision between components; rounding the same way keeps the
    // pitch track identical to it even for steady tones, whose F0 varies by less than float precision.
    const mag = this.magnitude;
    for (let k = 0; k < mag.length; k++) {
      const re = f32(spec[2 * k]);
      const im = f32(spec[2 * k + 1]);
      mag[k] = f32(Math.sqrt(f32(f32(re * re) + f32(im * im))));
    }
    const log = this.axis.apply(mag, this.logSpectrum);
    for (let k = 0; k < log.length; k++) log[k] = f32(log[k]);
    return this.detector.detect(log, this.candidates);
  }
}
