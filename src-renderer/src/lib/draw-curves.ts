/** Drawing min/max-decimated signals on a canvas: per-pixel bars when dense, a polyline when sparse. */
import { decimate, type Pyramid } from './pyramid.js';
import type { View } from './viewport.js';

/**
 * Strokes a [-1, 1] signal through `toY`. With more than one sample per pixel each column is a bar from
 * its min to its max, stretched to touch the previous column so steep slopes stay connected.
 */
export function drawSignal(
  ctx: CanvasRenderingContext2D,
  pyramid: Pyramid,
  view: View,
  toY: (v: number) => number,
  color: string,
): void {
  const base = pyramid[0];
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  if (view.pxPerSec >= base.rate) {
    drawPolyline(ctx, base.min, base.rate, view, toY);
    return;
  }
  const cols = decimate(pyramid, view.start, view.pxPerSec, view.width);
  ctx.beginPath();
  let prevLo = NaN;
  let prevHi = NaN;
  for (let x = 0; x < cols.min.length; x++) {
    let lo = cols.min[x];
    let hi = cols.max[x];
    if (lo !== lo) {
      prevLo = prevHi = NaN;
      continue;
    }
    const curLo = lo;
    const curHi = hi;
    if (prevLo === prevLo) {
      lo = Math.min(lo, prevHi);
      hi = Math.max(hi, prevLo);
    }
    prevLo = curLo;
    prevHi = curHi;
    const y0 = toY(hi);
    const y1 = toY(lo);
    ctx.rect(x, y0, 1, Math.max(1.5, y1 - y0));
  }
  ctx.fill();
}

/** One vertex per sample in view (plus one either side), broken where the signal is NaN. */
function drawPolyline(ctx: CanvasRenderingContext2D, values: Float32Array, rate: number, view: View, toY: (v: number) => number): void {
  const i0 = Math.max(0, Math.floor(view.start * rate) - 1);
  const i1 = Math.min(values.length - 1, Math.ceil((view.start + view.width / view.pxPerSec) * rate) + 1);
  ctx.beginPath();
  ctx.lineWidth = 1.5;
  let pen = false;
  for (let i = i0; i <= i1; i++) {
    const v = values[i];
    if (v !== v) {
      pen = false;
      continue;
    }
    const x = (i / rate - view.start) * view.pxPerSec;
    const y = toY(v);
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.stroke();
}

/**
 * Strokes a stretch of a 25 Hz-style series that starts at frame `start`: a rating pass or a drawn
 * stroke before it is stored. Thinned to about one vertex per pixel, so a long pass repaints cheaply.
 */
export function drawStretch(
  ctx: CanvasRenderingContext2D,
  values: ArrayLike<number>,
  start: number,
  rate: number,
  view: View,
  toY: (v: number) => number,
  color: string,
): void {
  const stride = Math.max(1, Math.floor(rate / view.pxPerSec));
  const first = Math.max(0, Math.floor((view.start * rate - start) / stride) * stride);
  const last = Math.min(values.length - 1, Math.ceil((view.start + view.width / view.pxPerSec) * rate) - start + stride);
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  let pen = false;
  for (let i = first; i <= last; i += stride) {
    const v = values[i];
    if (v !== v) {
      pen = false;
      continue;
    }
    const x = ((start + i) / rate - view.start) * view.pxPerSec;
    if (pen) ctx.lineTo(x, toY(v));
    else ctx.moveTo(x, toY(v));
    pen = true;
  }
  // The newest sample always shows, so the live pass ends where the rater is now.
  if (last >= 0 && last < values.length && (last - first) % stride !== 0 && values[last] === values[last]) {
    ctx.lineTo(((start + last) / rate - view.start) * view.pxPerSec, toY(values[last]));
  }
  ctx.stroke();
}
