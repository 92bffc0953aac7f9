/**
 * The fixed parameters of openSMILE's emobase2010.conf, in one place. The extractor is only
 * openSMILE-compatible with these values, so they are constants rather than options.
 */
import { ANALYSIS_SAMPLE_RATE } from '../../media/audio-rate.js';

/** emobase2010.conf is set for 16 kHz, which is why the analysis decodes at that rate. */
export const SAMPLE_RATE = ANALYSIS_SAMPLE_RATE;
/**
 * openSMILE reads 16-bit PCM as sample/32767 in single precision, while decoders give sample/32768.
 * Rescaling (and rounding to float32) reproduces its input bit for bit; the loudness and jitter
 * features are that sensitive.
 */
export const INPUT_SCALE = 32768 / 32767;
/** LLD frame step: 10 ms. */
export const HOP = 160;
/** 25 ms Hamming frames for loudness, MFCC, log-mel bands and LSP. */
export const SHORT_FRAME = 400;
export const SHORT_FFT = 512;
export const PREEMPHASIS = 0.97;
/** 60 ms Gaussian frames (σ = 0.25) for pitch; they end last, so they bound the LLD frame count. */
export const PITCH_FRAME = 960;
export const PITCH_FFT = 1024;
export const PITCH_WINDOW_SIGMA = 0.25;

export const MFCC = { bands: 26, lowHz: 20, highHz: 8000, first: 0, last: 14, lifter: 22, floor: 1e-8 } as const;
export const LOG_MEL = { bands: 8, lowHz: 20, highHz: 6500, floor: 1e-12 } as const;
/** LPC runs on the 25 ms frame resampled to 11 kHz through its spectrum. */
export const LPC = { order: 8, resampleHz: 11000 } as const;
/** Loudness = (I / I0)^0.3 with I a Hamming-normalised power of samples scaled to ±1. */
export const LOUDNESS = { reference: 1e-6, exponent: 0.3 } as const;
export const SHS = {
  minHz: 25,
  harmonics: 15,
  compression: 0.85,
  candidates: 3,
  minPitchHz: 52,
  maxPitchHz: 620,
  voicingCutoff: 0.7,
} as const;
export const JITTER = { searchRangeRel: 0.25, minPeriods: 2 } as const;
/** Moving-average window of the contour smoother and half-width of the delta regression. */
export const SMA_WINDOW = 3;
export const DELTA_WINDOW = 2;
/** Frame-wise functionals: 40 LLD frames (400 ms) every 4 frames (40 ms). */
export const WINDOW_FRAMES = 40;
export const WINDOW_STEP_FRAMES = 4;
