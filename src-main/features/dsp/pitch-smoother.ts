/**
 * openSMILE's cPitchSmoother with postSmoothingMethod=simple and no octave correction: thresholds the
 * best candidate's voicing, removes one-frame voicing spikes and octave jumps with a one-frame delay,
 * and tracks an F0 envelope that holds its value through unvoiced frames.
 *
 * The delay is explicit: `push` for frame t returns the outputs for frame t-1 (the first call returns
 * nothing), and frame 0 always reads as unvoiced.
 */

export interface SmoothedPitch {
  /** Final F0 in Hz, 0 when unvoiced. */
  f0: number;
  /** F0 envelope: a running 3:1 average of voiced F0 that is held through unvoiced frames. */
  f0Envelope: number;
  /** Voicing probability of the best candidate, not thresholded. */
  voicing: number;
}

export class PitchSmoother {
  private first = true;
  private last = 0;
  private lastVoice = 0;
  private onset = 0;
  private octaveFlag = 0;
  private envelope = 0;

  constructor(private readonly voicingCutoff: number) {}

  /** Feeds the best candidate of the next frame; returns the previous frame's outputs (or null at first). */
  push(f0: number, voicing: number, out: SmoothedPitch): SmoothedPitch | null {
    const pitch = voicing > this.voicingCutoff ? f0 : 0;
    if (this.first) {
      this.first = false;
      return null;
    }
    const voiceOut = this.lastVoice;
    this.lastVoice = voicing;

    let last = this.last;
    if (last === 0 && pitch > 0) this.onset = 1;
    if (last > 0 && pitch === 0 && this.onset === 0) this.onset = -1;
    if (last > 0 && pitch > 0) this.onset = 0;
    if (last === 0 && pitch === 0) this.onset = 0;

    // A voiced frame followed by silence right after an onset was a spike: drop it; and a gap of one
    // unvoiced frame inside voicing is filled with the next value.
    if (pitch === 0 && this.onset === 1) last = 0;
    else if (pitch > 0 && this.onset === -1) last = pitch;

    let doubling = false;
    let halving = false;
    if (last > 0 && pitch > 0) {
      const factor = last / pitch;
      if (factor > 1.2) halving = true;
      else if (factor < 0.8) doubling = true;
    }
    if (doubling && this.octaveFlag === -1) last = pitch;
    else if (halving && this.octaveFlag === 1) last = pitch;
    if (doubling) this.octaveFlag = 1;
    if (halving && this.onset === 0) this.octaveFlag = -1;
    if (!(halving || doubling)) this.octaveFlag = 0;

    this.last = pitch;
    if (last > 0) this.envelope = this.envelope === 0 ? last : Math.fround(Math.fround(0.75 * this.envelope) + Math.fround(0.25 * last));
    out.f0 = last;
    out.f0Envelope = this.envelope;
    out.voicing = voiceOut;
    return out;
  }
}
