/**
 * The reference the wasm Farneback is held to: OpenCV.js's own calcOpticalFlowFarneback (the
 * @techstark/opencv-js build, a devDependency), with the same reset/step shape as FarnebackFlow.
 * Not a test file itself: the tests and test/bench/visual-motion.bench.ts import it.
 *
 * OpenCV.js's module object is a "thenable" whose then() hands back the module itself, so awaiting
 * it, or resolving a promise with it, never settles: it is handed out wrapped in a plain object.
 */
import { createRequire } from 'node:module';
import type { FarnebackParams } from '../../../src-main/motion/farneback.js';

/** The part of OpenCV.js used here. */
interface CvMat {
  readonly rows: number;
  readonly cols: number;
  /** Views into the WebAssembly heap: read them afresh after any OpenCV call (the heap may grow). */
  readonly data: Uint8Array;
  readonly data32F: Float32Array;
  delete(): void;
}

interface OpenCv {
  Mat: { new (): CvMat; new (rows: number, cols: number, type: number): CvMat };
  CV_8UC1: number;
  calcOpticalFlowFarneback(
    prev: CvMat, next: CvMat, flow: CvMat, pyrScale: number, levels: number, winSize: number, iterations: number, polyN: number, polySigma: number, flags: number,
  ): void;
}

interface EmscriptenModule {
  calledRun?: boolean;
  onRuntimeInitialized?: () => void;
}

let loading: Promise<{ cv: OpenCv }> | null = null;

export function loadOpenCv(): Promise<{ cv: OpenCv }> {
  loading ??= new Promise((resolve, reject) => {
    try {
      const module = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv & EmscriptenModule;
      if (module.calledRun) {
        resolve({ cv: module });
        return;
      }
      const previous = module.onRuntimeInitialized;
      module.onRuntimeInitialized = () => {
        previous?.();
        resolve({ cv: module });
      };
    } catch (err) {
      reject(new Error(`OpenCV.js could not be loaded (${(err as Error).message})`));
    }
  });
  return loading;
}

export class OpenCvFarneback {
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
    this.#next.data.set(frame);
  }

  /** Flow from the previous frame to `frame`, a view into OpenCV's heap valid until the next step. */
  step(frame: Uint8Array): Float32Array {
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
}
