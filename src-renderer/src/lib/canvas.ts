/** Canvas plumbing shared by the lanes: crisp HiDPI sizing and one repaint per animation frame. */

/** Sizes the backing store to the CSS size × devicePixelRatio and returns a context drawing in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/**
 * Coalesces repaint requests: however many changes arrive between two frames, the latest paint runs
 * once, in requestAnimationFrame. Nothing runs while nothing changed.
 */
export class FramePainter {
  #paint: (() => void) | null = null;
  #raf = 0;

  request(paint: () => void): void {
    this.#paint = paint;
    if (!this.#raf) this.#raf = requestAnimationFrame(this.#run);
  }

  cancel(): void {
    cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    this.#paint = null;
  }

  #run = (): void => {
    this.#raf = 0;
    const paint = this.#paint;
    this.#paint = null;
    paint?.();
  };
}
