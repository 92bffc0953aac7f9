/**
 * Dense optical flow between consecutive grey frames: OpenCV 4.10's calcOpticalFlowFarneback with
 * flags 0, in our own wasm-SIMD build (flow-wasm/), which gives OpenCV.js's flows bit for bit and
 * expands each frame once instead of twice.
 */
import { polyExpansionConstants, pyramidPlan } from './flow-wasm/constants.js';
import { instantiateFlowWasm, type FlowWasm } from './flow-wasm/flow-wasm.js';

/** calcOpticalFlowFarneback's parameters (see the OpenCV documentation for each). */
export interface FarnebackParams {
  pyrScale: number;
  levels: number;
  winSize: number;
  iterations: number;
  polyN: number;
  polySigma: number;
}

/** OpenCV stops the pyramid before a level would be under this many pixels on a side. */
const MIN_LEVEL_SIZE = 32;
/** Most pyramid levels the wasm build lays out (frames 4096 px wide would need more). */
const MAX_LEVELS = 8;

/** How many times OpenCV shrinks the frame for its pyramid (0: the frame alone). */
export function coarserLevels(width: number, height: number, { pyrScale, levels }: FarnebackParams): number {
  let coarser = 0;
  for (let scale = 1; coarser < levels; coarser++) {
    scale *= pyrScale;
    if (width * scale < MIN_LEVEL_SIZE || height * scale < MIN_LEVEL_SIZE) break;
  }
  return coarser;
}

export class FarnebackFlow {
  readonly #wasm: FlowWasm;
  readonly #frame: Uint8Array;
  readonly #flow: Float32Array;

  constructor(width: number, height: number, params: FarnebackParams) {
    const levels = coarserLevels(width, height, params) + 1;
    if (!(width >= 2 && height >= 2)) throw new Error(`Farneback flow needs frames of at least 2×2 px, got ${width}×${height}`);
    if (levels > 1 && params.pyrScale !== 0.5) throw new Error(`Farneback flow supports pyrScale 0.5 only, got ${params.pyrScale}`);
    if (levels > MAX_LEVELS) throw new Error(`Farneback flow supports up to ${MAX_LEVELS} pyramid levels, ${width}×${height} frames need ${levels}`);
    const { polyN, polySigma, winSize, iterations } = params;
    const { g, xg, xxg, ig11, ig03, ig33, ig55 } = polyExpansionConstants(polyN, polySigma);
    const pyramid = pyramidPlan(width, height, levels);
    const taps = pyramid.flatMap((level) => [...level.taps]);
    this.#wasm = instantiateFlowWasm();
    const plan = this.#wasm.setup(width, height, levels, polyN, winSize, iterations, taps.length);
    const { buffer } = this.#wasm.memory;
    new Int32Array(buffer, plan, 3 * levels).set(pyramid.flatMap((level) => [level.width, level.height, level.taps.length - 1]));
    const consts = plan + this.#wasm.planBytes(levels);
    new Float64Array(buffer, consts, 4).set([ig11, ig03, ig33, ig55]);
    new Float32Array(buffer, consts + 32, 3 * (polyN + 1) + taps.length).set([...g, ...xg, ...xxg, ...taps]);
    this.#wasm.allocate();
    // allocate() grew the memory once and for all, so these views stay valid.
    this.#frame = new Uint8Array(this.#wasm.memory.buffer, this.#wasm.framePtr(), width * height);
    this.#flow = new Float32Array(this.#wasm.memory.buffer, this.#wasm.flowPtr(), 2 * width * height);
  }

  /** Makes `frame` the one the next flow starts from. */
  reset(frame: Uint8Array): void {
    this.#frame.set(this.#check(frame));
    this.#wasm.expand();
  }

  /**
   * Flow from the previous frame to `frame`, interleaved (dx, dy) in pixels, image axes. The array
   * is a view into the WebAssembly memory, not a copy (copying cost a fresh 72 KB a flow): read it
   * before the next step, which overwrites it. Each frame is expanded once, on arrival, and its
   * expansion kept as the next pair's first frame.
   */
  step(frame: Uint8Array): Float32Array {
    // Checked before anything moves, so a refused frame leaves the previous one in place.
    this.#check(frame);
    this.#wasm.advance();
    this.#frame.set(frame);
    this.#wasm.expand();
    this.#wasm.flow();
    return this.#flow;
  }

  #check(frame: Uint8Array): Uint8Array {
    if (frame.length !== this.#frame.length) throw new Error(`grey frame has ${frame.length} bytes, expected ${this.#frame.length}`);
    return frame;
  }
}
