/** The shared time window every lane draws: one zoom, one scroll position. */
import { clampView, fitPxPerSec, follow, panBy, viewEnd, zoomAt, type View } from '../lib/viewport.js';

export class Viewport {
  #view = $state.raw<View>({ start: 0, pxPerSec: 100, width: 800 });
  #duration = $state(0);

  get view(): View {
    return this.#view;
  }
  get duration(): number {
    return this.#duration;
  }
  get end(): number {
    return viewEnd(this.#view);
  }
  get isFit(): boolean {
    return this.#view.pxPerSec <= fitPxPerSec(this.#view.width, this.#duration) * 1.0001;
  }

  /** A new movie: show all of it. */
  reset(duration: number): void {
    this.#duration = duration;
    this.#view = clampView({ start: 0, pxPerSec: fitPxPerSec(this.#view.width, duration), width: this.#view.width }, duration);
  }

  setWidth(width: number): void {
    if (width <= 0 || width === this.#view.width) return;
    const wasFit = this.isFit;
    const next = { ...this.#view, width };
    if (wasFit) next.pxPerSec = fitPxPerSec(width, this.#duration);
    this.#set(next);
  }

  zoom(factor: number, anchor: number): void {
    this.#set(zoomAt(this.#view, factor, anchor, this.#duration));
  }

  pan(seconds: number): void {
    this.#set(panBy(this.#view, seconds, this.#duration));
  }

  panPixels(px: number): void {
    this.pan(px / this.#view.pxPerSec);
  }

  fit(): void {
    this.reset(this.#duration);
  }

  /** Keeps a moving playhead on screen. */
  follow(t: number): void {
    this.#set(follow(this.#view, t, this.#duration));
  }

  #set(next: View): void {
    const v = clampView(next, this.#duration);
    const cur = this.#view;
    if (v.start !== cur.start || v.pxPerSec !== cur.pxPerSec || v.width !== cur.width) this.#view = v;
  }
}
