// fft.js ships no types; this declares the part of its API we use.
declare module 'fft.js' {
  export default class FFT {
    constructor(size: number);
    readonly size: number;
    createComplexArray(): number[];
    /** Fills bins 0..size/2 of `out` (interleaved re, im) from a real input; the rest is left as scratch. */
    realTransform(out: ArrayLike<number> & { [i: number]: number }, input: ArrayLike<number>): void;
    completeSpectrum(out: ArrayLike<number> & { [i: number]: number }): void;
    transform(out: ArrayLike<number> & { [i: number]: number }, data: ArrayLike<number>): void;
    inverseTransform(out: ArrayLike<number> & { [i: number]: number }, data: ArrayLike<number>): void;
  }
}
