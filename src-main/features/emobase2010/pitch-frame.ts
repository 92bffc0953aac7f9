/**
 * Pitch candidates of one 60 ms frame: Gaussian window, 1024-point magnitude spectrum, octave-scale
 * resampling from 25 Hz, subharmonic summation.
 */
import { gaussianWindow } from '../dsp/windows.js';
import { RealFft } from '../dsp/real-fft.js';
import { createLogFrequencySpectrum } from '../dsp/log-frequency-spectrum.js';
import { createPitchCandidates, createShsPitchDetector, type PitchCandidates } from '../dsp/pitch-shs.js';
import { PITCH_FFT, PITCH_FRAME, PITCH_WINDOW_SIGMA, SAMPLE_RATE, SHS } from './config.js';

export class PitchFrameAnalyzer {
  private readonly window = gaussianWindow(PITCH_FRAME, PITCH_WINDOW_SIGMA);
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
    for (let i = 0; i < PITCH_FRAME; i++) x[i] = samples[start + i] * w[i];
    this.fft.transform(x);
    this.fft.magnitude(this.magnitude);
    this.axis.apply(this.magnitude, this.logSpectrum);
    return this.detector.detect(this.logSpectrum, this.candidates);
  }
}
