/**
 * The 25 ms LLDs of one frame: loudness from the raw frame (see below for what that means); MFCC 0–14 and 8 log-mel bands from the
 * power spectrum of the pre-emphasised Hamming-windowed frame; 8 LSP frequencies from LPC on that
 * frame resampled to 11 kHz.
 */
import { hammingWindow } from '../dsp/windows.js';
import { RealFft } from '../dsp/real-fft.js';
import { createMelFilterbank } from '../dsp/mel-filterbank.js';
import { createCepstrum } from '../dsp/cepstrum.js';
import { createSpectralResampler } from '../dsp/spectral-resample.js';
import { autocorrelation, levinsonDurbin } from '../dsp/lpc.js';
import { lpcToLsp } from '../dsp/lsp.js';
import { LOG_MEL, LOUDNESS, LPC, MFCC, PREEMPHASIS, SAMPLE_RATE, SHORT_FFT, SHORT_FRAME } from './config.js';

/** Values written per frame: loudness, 15 MFCC, 8 log-mel bands, 8 LSP. */
export const SHORT_FRAME_VALUES = 1 + 15 + 8 + 8;

export class ShortFrameAnalyzer {
  private readonly window = hammingWindow(SHORT_FRAME);
  private readonly windowSum = this.window.reduce((a, b) => a + b, 0);
  private readonly fft = new RealFft(SHORT_FFT);
  private readonly frame = new Float64Array(SHORT_FRAME);
  private readonly power = new Float64Array(SHORT_FFT / 2 + 1);
  private readonly mfccBank = createMelFilterbank({ sampleRate: SAMPLE_RATE, fftSize: SHORT_FFT, bands: MFCC.bands, lowHz: MFCC.lowHz, highHz: MFCC.highHz });
  private readonly logMelBank = createMelFilterbank({ sampleRate: SAMPLE_RATE, fftSize: SHORT_FFT, bands: LOG_MEL.bands, lowHz: LOG_MEL.lowHz, highHz: LOG_MEL.highHz });
  private readonly cepstrum = createCepstrum({ bands: MFCC.bands, first: MFCC.first, last: MFCC.last, lifter: MFCC.lifter, floor: MFCC.floor });
  private readonly resampler = createSpectralResampler(SHORT_FFT, SHORT_FRAME, SAMPLE_RATE, LPC.resampleHz);
  private readonly resampled = new Float64Array(this.resampler.length);
  private readonly mel = new Float64Array(MFCC.bands);
  private readonly acf = new Float64Array(LPC.order + 1);
  private readonly lpc = new Float64Array(LPC.order);
  private readonly lsp = new Float64Array(LPC.order);

  /** `samples` holds SHORT_FRAME samples from `start`; writes SHORT_FRAME_VALUES values at `out[offset]`. */
  analyze(samples: ArrayLike<number>, start: number, out: Float32Array | Float64Array, offset: number): void {
    const w = this.window;
    const x = this.frame;
    // openSMILE's cIntensity sums over min(frame, window, outputs) samples, and with loudness as its
    // only output that is one sample: emobase2010's "loudness" is the first sample's weighted power.
    const s0 = samples[start];
    out[offset] = Math.pow((w[0] * s0 * s0) / this.windowSum / LOUDNESS.reference, LOUDNESS.exponent);

    // Per-frame pre-emphasis (HTK style: the first sample is scaled, not differenced).
    x[0] = (1 - PREEMPHASIS) * samples[start] * w[0];
    for (let i = 1; i < SHORT_FRAME; i++) x[i] = (samples[start + i] - PREEMPHASIS * samples[start + i - 1]) * w[i];
    const spec = this.fft.transform(x);
    const p = this.power;
    for (let k = 0; k < p.length; k++) p[k] = spec[2 * k] * spec[2 * k] + spec[2 * k + 1] * spec[2 * k + 1];

    this.cepstrum.apply(this.mfccBank.apply(p, this.mel), out, offset + 1);
    const bands = this.logMelBank.apply(p, this.mel);
    for (let b = 0; b < LOG_MEL.bands; b++) out[offset + 16 + b] = Math.log(Math.max(bands[b], LOG_MEL.floor));

    const y = this.resampler.apply(spec, this.resampled);
    levinsonDurbin(autocorrelation(y, y.length, this.acf), LPC.order, this.lpc);
    lpcToLsp(this.lpc, LPC.order, this.lsp);
    for (let i = 0; i < LPC.order; i++) out[offset + 24 + i] = this.lsp[i];
  }
}
