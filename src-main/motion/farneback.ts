/**
 * Dense optical flow between consecutive grey frames with OpenCV's Farneback algorithm, reusing the
 * same three matrices for a whole film so the WebAssembly heap does not churn.
 */
import type { CvMat, OpenCv } from './opencv.js';

/** calcOpticalFlowFarneback's parameters (see the OpenCV documentation for each). */
export interface FarnebackParams {
  pyrScale: number;
  levels: number;
  winSize: number;
  iterations: number;
  polyN: number;
  polySigma: number;
}

export class FarnebackFlow {
  readonly #cv: OpenCv;
  readonly #params: FarnebackParams;
  readonly #pixels: number;
  #prev: CvMat;
  #next: CvMat;
  readonly #flow: CvMat;

  constructor(cv: OpenCv, width: number, height: number, params: FarnebackParams) {
    this.#cv = cv;
    this.#params = params;
    this.#pixels = width * height;
    this.#prev = new cv.Mat(height, width, cv.CV_8UC1);
    this.#next = new cv.Mat(height, width, cv.CV_8UC1);
    this.#flow = new cv.Mat();
  }

  /** Makes `frame` the one the next flow starts from. */
  reset(frame: Uint8Array): void {
    this.#next.data.set(this.#check(frame));
  }

  /**
   * Flow from the previous frame to `frame`, interleaved (dx, dy) in pixels, image axes. The array
   * is a view into the WebAssembly heap, not a copy (copying cost a fresh 72 KB a flow): read it
   * before the next step or dispose, which overwrite or free it.
   */
  step(frame: Uint8Array): Float32Array {
    // Checked before the swap, so a refused frame leaves the previous one in place.
    this.#check(frame);
    [this.#prev, this.#next] = [this.#next, this.#prev];
    this.#next.data.set(frame);
    const { pyrScale, levels, winSize, iterations, polyN, polySigma } = this.#params;
    this.#cv.calcOpticalFlowFarneback(this.#prev, this.#next, this.#flow, pyrScale, levels, winSize, iterations, polyN, polySigma, 0);
    return this.#flow.data32F.subarray(0, 2 * this.#pixels);
  }

  dispose(): void {
    this.#prev.delete();
    this.#next.delete();
    this.#flow.delete();
  }

  #check(frame: Uint8Array): Uint8Array {
    if (frame.length !== this.#pixels) throw new Error(`grey frame has ${frame.length} bytes, expected ${this.#pixels}`);
    return frame;
  }
}
