/** Paints the event lanes: striped lane backgrounds, then the visible events of each lane. */
import type { EventClass, SoundEvent } from '../../../src-main/contract/domain.js';
import type { Span } from './edit.js';
import { visibleEvents, type Band } from './hit-test.js';
import { LABEL_COLORS, type LaneLayout } from './lanes.js';
import { viewEnd, type View } from './viewport.js';

type Drawable = Span & { id: number; label: EventClass };

export interface LanesScene {
  layout: LaneLayout;
  view: View;
  duration: number;
  byLabel: Record<EventClass, SoundEvent[]>;
  selected: ReadonlySet<number>;
  /** Events being dragged: drawn at their preview place, their originals dimmed. */
  dragged: Drawable[];
  /** Shift-drag selection rectangle. */
  band: Band | null;
}

export function drawLanes(ctx: CanvasRenderingContext2D, s: LanesScene): void {
  const { layout, view } = s;
  const end = viewEnd(view);
  const endX = Math.min(view.width, (s.duration - view.start) * view.pxPerSec);
  const draggedIds = new Set(s.dragged.map((d) => d.id));

  for (const h of layout.headers) {
    ctx.fillStyle = '#1b1d22';
    ctx.fillRect(0, h.y, view.width, layout.lanes[0].y - layout.headers[0].y);
  }
  for (const lane of layout.lanes) {
    ctx.fillStyle = lane.index % 2 ? '#22252b' : '#1f2227';
    ctx.fillRect(0, lane.y, endX, lane.height);
    const color = LABEL_COLORS[lane.label];
    for (const e of visibleEvents(s.byLabel[lane.label], view.start, end)) {
      drawEvent(ctx, e, view, lane.y, lane.height, color, s.selected.has(e.id), draggedIds.has(e.id));
    }
  }
  for (const d of s.dragged) {
    const lane = layout.lanes.find((l) => l.label === d.label)!;
    drawEvent(ctx, d, view, lane.y, lane.height, LABEL_COLORS[d.label], true, false);
  }
  if (s.band) drawBand(ctx, s.band, layout, view);
}

function drawBand(ctx: CanvasRenderingContext2D, b: Band, layout: LaneLayout, view: View): void {
  const a = layout.lanes[Math.min(b.laneA, b.laneB)];
  const z = layout.lanes[Math.max(b.laneA, b.laneB)];
  const x0 = (Math.min(b.t0, b.t1) - view.start) * view.pxPerSec;
  const x1 = (Math.max(b.t0, b.t1) - view.start) * view.pxPerSec;
  ctx.fillStyle = 'rgb(242 193 78 / 0.15)';
  ctx.strokeStyle = 'rgb(242 193 78 / 0.8)';
  ctx.lineWidth = 1;
  ctx.fillRect(x0, a.y, x1 - x0, z.y + z.height - a.y);
  ctx.strokeRect(x0 + 0.5, a.y + 0.5, x1 - x0 - 1, z.y + z.height - a.y - 1);
}

function drawEvent(
  ctx: CanvasRenderingContext2D,
  e: Drawable,
  view: View,
  y: number,
  h: number,
  color: string,
  selected: boolean,
  ghost: boolean,
): void {
  const x0 = Math.max(-2, (e.onset - view.start) * view.pxPerSec);
  const x1 = Math.min(view.width + 2, (e.offset - view.start) * view.pxPerSec);
  const w = Math.max(2, x1 - x0);
  ctx.globalAlpha = ghost ? 0.25 : selected ? 1 : 0.75;
  ctx.fillStyle = color;
  ctx.fillRect(x0, y + 3, w, h - 6);
  if (selected && !ghost) {
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x0 + 0.75, y + 3.75, w - 1.5, h - 7.5);
  }
  ctx.globalAlpha = 1;
}
