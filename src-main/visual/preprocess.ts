/**
 * RGB24 frames (as ffmpeg writes them: rows of R, G, B bytes) to the float input a CNN was trained
 * on. Each backbone family expects its own scaling and layout; getting either wrong still runs, but
 * gives features of a different, meaningless picture.
 */

export type PixelScaling =
  /** 0 … 255 as is (the bundled CenterNet folds its /255 into the first convolution). */
  | 'raw'
  /** 0 … 1. */
  | 'unit'
  /** torchvision's ImageNet normalisation: (x/255 − mean) / std per channel. */
  | 'imagenet'
  /** Keras/Caffe ResNet: BGR order, ImageNet channel means subtracted, 0 … 255 scale. */
  | 'caffe';

export type Layout = 'NHWC' | 'NCHW';

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];
const CAFFE_MEAN_BGR = [103.939, 116.779, 123.68];

/** Per output channel c: value = bytes[source channel] · scale[c] + offset[c]. */
function channelMap(scaling: PixelScaling): { source: number[]; scale: number[]; offset: number[] } {
  switch (scaling) {
    case 'raw':
      return { source: [0, 1, 2], scale: [1, 1, 1], offset: [0, 0, 0] };
    case 'unit':
      return { source: [0, 1, 2], scale: [1 / 255, 1 / 255, 1 / 255], offset: [0, 0, 0] };
    case 'imagenet':
      return {
        source: [0, 1, 2],
        scale: IMAGENET_STD.map((s) => 1 / (255 * s)),
        offset: IMAGENET_MEAN.map((m, c) => -m / IMAGENET_STD[c]),
      };
    case 'caffe':
      return { source: [2, 1, 0], scale: [1, 1, 1], offset: CAFFE_MEAN_BGR.map((m) => -m) };
  }
}

/** `count` frames of size × size RGB24 pixels to float input, batch first. */
export function framesToInput(frames: Uint8Array, count: number, size: number, scaling: PixelScaling, layout: Layout): Float32Array {
  const pixels = size * size;
  if (frames.length < count * pixels * 3) throw new Error(`${count} frames of ${size}×${size} RGB need ${count * pixels * 3} bytes, got ${frames.length}`);
  const { source, scale, offset } = channelMap(scaling);
  const out = new Float32Array(count * pixels * 3);
  for (let f = 0; f < count; f++) {
    const base = f * pixels * 3;
    for (let c = 0; c < 3; c++) {
      const s = source[c];
      const k = scale[c];
      const b = offset[c];
      if (layout === 'NHWC') {
        for (let p = 0; p < pixels; p++) out[base + 3 * p + c] = frames[base + 3 * p + s] * k + b;
      } else {
        const plane = base + c * pixels;
        for (let p = 0; p < pixels; p++) out[plane + p] = frames[base + 3 * p + s] * k + b;
      }
    }
  }
  return out;
}
