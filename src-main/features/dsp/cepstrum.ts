/**
 * Mel-frequency cepstral coefficients from a mel spectrum: log with a floor, DCT-II with the
 * sqrt(2/M) scale, then sinusoidal liftering (HTK's 1 + L/2·sin(πi/L)), as openSMILE's cMfcc.
 */

export interface CepstrumOptions {
  bands: number;
  first: number;
  last: number;
  /** Liftering parameter L; 0 disables liftering. */
  lifter: number;
  /** Mel values below this are clamped before the log, so silence gives a finite floor. */
  floor: number;
}

export interface Cepstrum {
  /** Writes coefficients first..last of `mel` (length `bands`) into `out`. */
  apply(mel: ArrayLike<number>, out: Float64Array | Float32Array, offset?: number): void;
}

export function createCepstrum({ bands, first, last, lifter, floor }: CepstrumOptions): Cepstrum {
  const count = last - first + 1;
  const basis = new Float64Array(count * bands);
  const gain = new Float64Array(count);
  const scale = Math.sqrt(2 / bands);
  for (let c = 0; c < count; c++) {
    const i = first + c;
    for (let m = 0; m < bands; m++) basis[c * bands + m] = Math.cos(Math.PI * (i / bands) * (m + 0.5));
    gain[c] = (lifter > 0 ? 1 + (lifter / 2) * Math.sin((Math.PI * i) / lifter) : 1) * scale;
  }
  const logMel = new Float64Array(bands);
  const logFloor = Math.log(floor);

  return {
    apply(mel, out, offset = 0) {
      for (let m = 0; m < bands; m++) logMel[m] = mel[m] < floor ? logFloor : Math.log(mel[m]);
      for (let c = 0; c < count; c++) {
        let s = 0;
        const row = c * bands;
        for (let m = 0; m < bands; m++) s += logMel[m] * basis[row + m];
        out[offset + c] = s * gain[c];
      }
    },
  };
}
