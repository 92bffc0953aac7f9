/**
 * Paints one event box in its source's style (lib/provenance): the lanes and the legend's swatches
 * share it, so the legend always shows what the lanes draw.
 */
import type { EventStyle } from './provenance.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Emphasis {
  selected: boolean;
  /** The original of an event being dragged: faint, its preview is drawn elsewhere. */
  ghost: boolean;
}

/** Stripe spacing of the hatch, CSS pixels. */
const HATCH_PX = 6;
const patterns = new Map<string, CanvasPattern | null>();

/** Diagonal stripes in `color`, one tile per colour, made once. */
function hatchPattern(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | null {
  if (!patterns.has(color)) {
    const tile = document.createElement('canvas');
    tile.width = tile.height = HATCH_PX;
    const t = tile.getContext('2d')!;
    t.strokeStyle = color;
    t.lineWidth = 1.5;
    // The corner strokes continue the diagonal across tile seams.
    for (const dx of [-HATCH_PX, 0, HATCH_PX]) {
      t.beginPath();
      t.moveTo(dx, HATCH_PX);
      t.lineTo(dx + HATCH_PX, 0);
      t.stroke();
    }
    patterns.set(color, ctx.createPattern(tile, 'repeat'));
  }
  return patterns.get(color)!;
}

export function paintEvent(ctx: CanvasRenderingContext2D, b: Box, color: string, style: EventStyle, em: Emphasis): void {
  const dim = em.ghost ? 0.3 : 1;
  const outlined = style.outline && b.width > 3;
  // A sliver has no room inside an outline: it is drawn as its outline would be, in full colour.
  ctx.globalAlpha = (style.outline && !outlined ? 1 : style.fillAlpha) * dim;
  ctx.fillStyle = color;
  ctx.fillRect(b.x, b.y, b.width, b.height);
  if (style.hatch) {
    const pattern = hatchPattern(ctx, color);
    if (pattern) {
      // Stripes anchored to the event, so they travel with it when the view pans.
      pattern.setTransform(new DOMMatrix().translate(b.x, b.y));
      ctx.globalAlpha = 0.9 * dim;
      ctx.fillStyle = pattern;
      ctx.fillRect(b.x, b.y, b.width, b.height);
    }
  }
  if (outlined) {
    ctx.globalAlpha = dim;
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(b.x + 0.75, b.y + 0.75, b.width - 1.5, b.height - 1.5);
  }
  if (em.selected && !em.ghost) {
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(b.x + 0.75, b.y + 0.75, b.width - 1.5, b.height - 1.5);
  }
  ctx.globalAlpha = 1;
}
