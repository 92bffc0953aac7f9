/**
 * Spectrogram drawing, pure: the bytes of the visible columns turned into an RGBA image one pixel per
 * screen column and one row per mel band (highest band on top), coloured with viridis, which stays
 * readable in grey and to colour-blind eyes. The canvas stretches the rows to the lane's height.
 */

/** Stored columns from `from` seconds: column-major bytes, `bands` per column (0 = −100 dB, 255 = 0 dB). */
export interface SpectrogramWindow {
  from: number;
  columnsPerSecond: number;
  bands: number;
  count: number;
  data: Uint8Array;
}

export const windowEnd = (w: SpectrogramWindow): number => w.from + w.count / w.columnsPerSecond;

/** matplotlib's viridis at nine evenly spaced points; the 256 entries between are interpolated. */
const VIRIDIS_STOPS = [0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xfde725];

/** RGB triplets for bytes 0…255. */
export const VIRIDIS: Uint8Array = (() => {
  const out = new Uint8Array(256 * 3);
  const last = VIRIDIS_STOPS.length - 1;
  for (let v = 0; v < 256; v++) {
    const pos = (v / 255) * last;
    const i = Math.min(last - 1, Math.floor(pos));
    const f = pos - i;
    for (let c = 0; c < 3; c++) {
      const shift = 16 - 8 * c;
      const a = (VIRIDIS_STOPS[i] >> shift) & 0xff;
      const b = (VIRIDIS_STOPS[i + 1] >> shift) & 0xff;
      out[v * 3 + c] = Math.round(a + (b - a) * f);
    }
  }
  return out;
})();

/**
 * RGBA pixels, `cols` wide and `bands` high, of the window as seen from `start` at `pxPerSec`. A pixel
 * column spanning several stored columns takes each band's loudest, so short sounds survive zooming
 * out; zoomed in past the data, a stored column is held across the pixels it covers. Pixels with no
 * data stay transparent.
 */
export function spectrogramPixels(w: SpectrogramWindow, start: number, pxPerSec: number, cols: number): Uint8ClampedArray<ArrayBuffer> {
  const { bands, data, count } = w;
  const width = Math.max(0, Math.ceil(cols));
  const px = new Uint8ClampedArray(width * bands * 4);
  const perPx = w.columnsPerSecond / pxPerSec;
  const first = (start - w.from) * w.columnsPerSecond;
  const loudest = new Uint8Array(bands);
  for (let x = 0; x < width; x++) {
    const pos = first + x * perPx;
    const held = Math.floor(pos + 1e-9);
    const i0 = Math.max(0, held);
    const i1 = Math.min(count, Math.max(held + 1, Math.ceil(pos + perPx - 1e-9)));
    if (i0 >= i1) continue;
    loudest.fill(0);
    for (let i = i0; i < i1; i++) {
      for (let b = 0; b < bands; b++) if (data[i * bands + b] > loudest[b]) loudest[b] = data[i * bands + b];
    }
    for (let b = 0; b < bands; b++) {
      const o = ((bands - 1 - b) * width + x) * 4;
      const c = loudest[b] * 3;
      px[o] = VIRIDIS[c];
      px[o + 1] = VIRIDIS[c + 1];
      px[o + 2] = VIRIDIS[c + 2];
      px[o + 3] = 255;
    }
  }
  return px;
}
