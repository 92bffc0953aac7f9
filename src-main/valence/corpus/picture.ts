/**
 * The synthetic picture, one RGB frame at a time: a colour field whose hue and brightness follow
 * the base valence (dark blue when negative, bright yellow when positive) and a bar sweeping across
 * so there is motion. It follows the event-free base only: the picture says nothing the sound
 * events add.
 */
export const PICTURE = { width: 160, height: 120, fps: 25 } as const;

export function paintFrame(frame: number, base: number, out = new Uint8Array(PICTURE.width * PICTURE.height * 3)): Uint8Array {
  const { width, height } = PICTURE;
  const warm = (base + 1) / 2;
  const light = 0.35 + 0.5 * warm;
  const r = 255 * light * warm;
  const g = 255 * light * (0.4 + 0.5 * warm);
  const b = 255 * light * (1 - warm);
  const bar = Math.floor(((frame * 3) % (width + 20)) - 10);
  for (let y = 0; y < height; y++) {
    const shade = 0.8 + (0.2 * y) / height;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const onBar = x >= bar && x < bar + 10;
      out[i] = onBar ? 240 : r * shade;
      out[i + 1] = onBar ? 240 : g * shade;
      out[i + 2] = onBar ? 240 : b * shade;
    }
  }
  return out;
}
