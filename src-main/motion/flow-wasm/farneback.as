// AssemblyScript, the module's entry (scripts/build-flow-wasm.mjs compiles it with its imports; the
// .as names keep these files out of the app's tsc).
//
// OpenCV 4.10's calcOpticalFlowFarneback (optflowgf.cpp) with flags 0 and pyrScale 0.5, redone
// operation for operation in the same float/double types and order as OpenCV.js's scalar build, so
// the flows come out bit for bit. Two changes that leave the numbers alone make it faster: each
// frame's pyramid and polynomial expansions are kept for the next pair (OpenCV redoes both frames
// every call), and the inner loops use wasm SIMD lanes where OpenCV's scalar code does the same
// arithmetic element by element.
import { updateMatrices } from './matrices';
import { polyExp } from './poly-exp';
import { gaussianBlur, halve, resizeLinear } from './pyramid';
import { updateFlowBlur } from './update-flow';

const MAX_LEVELS = 8;

// Settings and the plan (setup(), then the host, then allocate()).
let W: i32 = 0;
let H: i32 = 0;
let LEVELS: i32 = 1;
let N: i32 = 0;
let WIN: i32 = 0;
let ITERS: i32 = 0;
let plan: usize = 0; // i32 [w, h, r] per level; then `consts`
let consts: usize = 0; // f64 ig11, ig03, ig33, ig55; f32 g, xg, xxg [N+1]; then `kernels`
let kernels: usize = 0; // f32 blur taps 0…r of each level in turn

// Buffers (allocate()).
let slots: usize = 0; // per level: addresses of R of the previous frame, of the next frame, the flow
let frame: usize = 0; // u8 W×H, written by the host
let fimg: usize = 0; // f32 W×H
let blurTmp: usize = 0; // f32 W×H, the blur's row pass; also the resize's two rows
let blurred: usize = 0; // f32 W×H
let levelImg: usize = 0; // f32, a coarser level's picture
let matM: usize = 0; // f32 5×W×H
let polyRows: usize = 0; // f32 3 planes of (W + 2N)
let polyPlane: usize = 0; // bytes per plane
let vsum: usize = 0; // f64 (W + WIN + 4)×5

let heapTop: usize = (__heap_base + 15) & ~(<usize>15);

/** `bytes` of memory, 16-byte aligned, growing the memory as needed (nothing is ever freed). */
function alloc(bytes: usize): usize {
  const at = heapTop;
  heapTop = (at + bytes + 15) & ~(<usize>15);
  const needPages = <i32>((heapTop + 0xffff) >> 16) - memory.size();
  if (needPages > 0 && memory.grow(needPages) < 0) unreachable();
  return at;
}

/**
 * Takes the settings and returns the address of the plan block for the host to fill: per level
 * (0 = the frame) its width, height and blur radius r as i32; at planBytes(levels) FarnebackPrepare-
 * Gaussian's ig11, ig03, ig33, ig55 as f64; then as f32 g, xg, xxg (polyN+1 each) and each level's
 * blur taps 0…r. `kernelTaps`: the sum of (r + 1) over the levels.
 */
export function setup(width: i32, height: i32, levels: i32, polyN: i32, winSize: i32, iterations: i32, kernelTaps: i32): usize {
  if (levels < 1 || levels > MAX_LEVELS) unreachable();
  W = width; H = height; LEVELS = levels; N = polyN; WIN = winSize; ITERS = iterations;
  plan = alloc(planBytes(levels) + 32 + (<usize>(3 * (N + 1) + kernelTaps) << 2));
  consts = plan + planBytes(levels);
  kernels = consts + 32 + (<usize>(3 * (N + 1)) << 2);
  return plan;
}

export function planBytes(levels: i32): usize {
  return (<usize>(12 * levels) + 7) & ~(<usize>7);
}

@inline function levelW(k: i32): i32 { return load<i32>(plan + <usize>(12 * k)); }
@inline function levelH(k: i32): i32 { return load<i32>(plan + <usize>(12 * k), 4); }
@inline function levelR(k: i32): i32 { return load<i32>(plan + <usize>(12 * k), 8); }
@inline function rPrev(k: i32): usize { return load<usize>(slots + <usize>(12 * k)); }
@inline function rNext(k: i32): usize { return load<usize>(slots + <usize>(12 * k), 4); }
@inline function flowOf(k: i32): usize { return load<usize>(slots + <usize>(12 * k), 8); }

/** Lays out the buffers once the host has filled the plan. */
export function allocate(): void {
  const px = <usize>(W * H);
  frame = alloc(px);
  fimg = alloc(px << 2);
  blurTmp = alloc(px << 2);
  blurred = alloc(px << 2);
  levelImg = alloc(LEVELS > 1 ? <usize>(levelW(1) * levelH(1)) << 2 : 0);
  slots = alloc(<usize>(12 * LEVELS));
  for (let k = 0; k < LEVELS; k++) {
    const lpx = <usize>(levelW(k) * levelH(k));
    const slot = slots + <usize>(12 * k);
    store<usize>(slot, alloc(lpx * 20));
    store<usize>(slot, alloc(lpx * 20), 4);
    store<usize>(slot, alloc(lpx << 3), 8);
  }
  matM = alloc(px * 20);
  polyPlane = ((<usize>(W + 2 * N) << 2) + 15) & ~(<usize>15);
  polyRows = alloc(polyPlane * 3);
  vsum = alloc(<usize>(W + WIN + 4) * 40);
}

export function framePtr(): usize { return frame; }
export function flowPtr(): usize { return flowOf(0); }

/** Expands the frame in `frame` into the next frame's slots, level by level. */
export function expand(): void {
  const px = W * H;
  for (let i = 0; i < px; i++) store<f32>(fimg + (<usize>i << 2), <f32>load<u8>(frame + <usize>i));
  let taps = kernels;
  for (let k = 0; k < LEVELS; k++) {
    const w = levelW(k);
    const h = levelH(k);
    const r = levelR(k);
    gaussianBlur(fimg, blurTmp, blurred, W, H, taps, r);
    taps += <usize>(r + 1) << 2;
    let img = blurred;
    if (k > 0) {
      img = levelImg;
      if (W == 2 * w && H == 2 * h) halve(blurred, W, H, img);
      else resizeLinear(blurred, W, H, img, w, h, 1, 1, blurTmp);
    }
    polyExp(img, w, h, rNext(k), N, consts, polyRows, polyPlane);
  }
}

/** Makes the frame just expanded the first of the next pair. */
export function advance(): void {
  for (let k = 0; k < LEVELS; k++) {
    const slot = slots + <usize>(12 * k);
    const previous = load<usize>(slot);
    store<usize>(slot, load<usize>(slot, 4));
    store<usize>(slot, previous, 4);
  }
}

/** Flow from the frame expanded before the last advance() to the one expanded since, into level 0's flow. */
export function flow(): void {
  for (let k = LEVELS - 1; k >= 0; k--) {
    const w = levelW(k);
    const h = levelH(k);
    const f = flowOf(k);
    if (k == LEVELS - 1) memory.fill(f, 0, <usize>(w * h) << 3);
    else resizeLinear(flowOf(k + 1), levelW(k + 1), levelH(k + 1), f, w, h, 2, 2, blurTmp);
    const r0 = rPrev(k);
    const r1 = rNext(k);
    updateMatrices(r0, r1, f, matM, w, h, 0, h);
    for (let i = 0; i < ITERS; i++) updateFlowBlur(r0, r1, f, matM, w, h, WIN, vsum, i < ITERS - 1);
  }
}
