/**
 * Paints the event lanes: striped lane backgrounds, then each lane's visible events in their rows,
 * each in its source's style (lib/provenance).
 */
import type { EventClass, SoundEvent } from '../../../src-main/contract/domain.js';
import { paintEvent, type Emphasis } from './draw-event.js';
import type { Span } from './edit.js';
import { visibleEvents, type Band } from './hit-test.js';
import { LABEL_COLORS, rowBox, type Lane, type LaneLayout } from './lanes.js';
import { eventStyle } from './provenance.js';
import { viewEnd, type View } from './viewport.js';

type Drawable = Span & { id: number; label: EventClass };

/** A drag's preview becomes the researcher's event when dropped (an edit makes it theirs): drawn so. */
const PREVIEW_STYLE = eventStyle('human', null);

export interface LanesScene {
  /** Laid out with the rows the packing needs (lib/lanes withRows). */
  layout: LaneLayout;
  view: View;
  duration: number;
  /** The events the source filter lets through, per lane. */
  byLabel: Record<EventClass, SoundEvent[]>;
  rowOf: ReadonlyMap<number, number>;
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
      const em: Emphasis = { selected: s.selected.has(e.id), ghost: draggedIds.has(e.id) };
      paintEvent(ctx, eventBox(e, view, lane, s.rowOf.get(e.id) ?? 0), color, eventStyle(e.source, e.confidence), em);
    }
  }
  for (const d of s.dragged) {
    const lane = layout.lanes.find((l) => l.label === d.label)!;
    paintEvent(ctx, eventBox(d, view, lane, s.rowOf.get(d.id) ?? 0), LABEL_COLORS[d.label], PREVIEW_STYLE, { selected: true, ghost: false });
  }
  if (s.band) drawBand(ctx, s.band, layout, view);
}

function eventBox(e: Span, view: View, lane: Lane, row: number) {
  const x0 = Math.max(-2, (e.onset - view.start) * view.pxPerSec);
  const x1 = Math.min(view.width + 2, (e.offset - view.start) * view.pxPerSec);
  const { y, height } = rowBox(lane, row);
  return { x: x0, y, width: Math.max(2, x1 - x0), height };
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
