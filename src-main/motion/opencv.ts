/**
 * Loads OpenCV.js (the @techstark/opencv-js build, WebAssembly) once per process. Its module object
 * is a "thenable" whose then() hands back the module itself, so awaiting it, or resolving a promise
 * with it, never settles: the module is handed out wrapped in a plain object instead.
 */
import { createRequire } from 'node:module';

/** The part of OpenCV.js that the motion stage uses. */
export interface CvMat {
  readonly rows: number;
  readonly cols: number;
  /** Views into the WebAssembly heap: read them afresh after any OpenCV call (the heap may grow). */
  readonly data: Uint8Array;
  readonly data32F: Float32Array;
  delete(): void;
}

export interface OpenCv {
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
