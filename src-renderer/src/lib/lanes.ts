/**
 * Vertical layout of the event lanes: two labelled groups of four classes each. A lane whose events
 * overlap holds several rows (lib/packing) and grows to keep each row tall enough to grab.
 */
import { EVENT_CLASSES, groupOf, type EventClass, type EventGroup } from '../../../src-main/contract/domain.js';

export const LANE_HEIGHT = 22;
export const GROUP_HEADER_HEIGHT = 16;
/** The source filter and legend above the lanes; the labels' gutter leaves the same room. */
export const SOURCE_BAR_HEIGHT = 24;

/** Space above the first row and below the last, between rows, and the least height of a row. */
const ROW_PAD = 3;
const ROW_GAP = 2;
const MIN_ROW_HEIGHT = 12;

export interface Lane {
  label: EventClass;
  group: EventGroup;
  index: number;
  y: number;
  height: number;
  /** Rows of overlapping events inside the lane. */
  rows: number;
}

export interface GroupHeader {
  group: EventGroup;
  title: string;
  y: number;
}

export interface LaneLayout {
  lanes: Lane[];
  headers: GroupHeader[];
  height: number;
}

const GROUP_TITLES: Record<EventGroup, string> = { verbal: 'Verbal', nonverbal: 'Non-verbal' };

export function layoutLanes(laneHeight = LANE_HEIGHT, headerHeight = GROUP_HEADER_HEIGHT): LaneLayout {
  const lanes: Lane[] = [];
  const headers: GroupHeader[] = [];
  let y = 0;
  let group: EventGroup | null = null;
  EVENT_CLASSES.forEach((label, index) => {
    const g = groupOf(label);
    if (g !== group) {
      headers.push({ group: g, title: GROUP_TITLES[g], y });
      y += headerHeight;
      group = g;
    }
    lanes.push({ label, group: g, index, y, height: laneHeight, rows: 1 });
    y += laneHeight;
  });
  return { lanes, headers, height: y };
}

/** The lane under a y coordinate, or null over a group header or outside. */
export function laneAt(layout: LaneLayout, y: number): Lane | null {
  return layout.lanes.find((l) => y >= l.y && y < l.y + l.height) ?? null;
}

/** The layout with each lane as tall as its rows need (never shorter than before); later lanes move down. */
export function withRows(layout: LaneLayout, rows: Partial<Record<EventClass, number>>): LaneLayout {
  const growth = layout.lanes.map((l) => laneHeightFor(rows[l.label] ?? 1, l.height) - l.height);
  const shiftAt = (y: number) => layout.lanes.reduce((sum, l, i) => (l.y < y ? sum + growth[i] : sum), 0);
  return {
    lanes: layout.lanes.map((l, i) => ({ ...l, y: l.y + shiftAt(l.y), height: l.height + growth[i], rows: Math.max(1, rows[l.label] ?? 1) })),
    headers: layout.headers.map((h) => ({ ...h, y: h.y + shiftAt(h.y) })),
    height: layout.height + growth.reduce((a, b) => a + b, 0),
  };
}

export function laneHeightFor(rows: number, base = LANE_HEIGHT): number {
  return Math.max(base, 2 * ROW_PAD + rows * MIN_ROW_HEIGHT + (rows - 1) * ROW_GAP);
}

/** The band of a lane that row `row` (clamped to the lane's rows) is drawn in. */
export function rowBox(lane: Lane, row: number): { y: number; height: number } {
  const height = (lane.height - 2 * ROW_PAD - (lane.rows - 1) * ROW_GAP) / lane.rows;
  const r = Math.min(lane.rows - 1, Math.max(0, row));
  return { y: lane.y + ROW_PAD + r * (height + ROW_GAP), height };
}

/** The row of a lane under a y coordinate; the padding and gaps belong to the nearest row. */
export function rowAt(lane: Lane, y: number): number {
  const pitch = (lane.height - 2 * ROW_PAD + ROW_GAP) / lane.rows;
  return Math.min(lane.rows - 1, Math.max(0, Math.floor((y - lane.y - ROW_PAD + ROW_GAP / 2) / pitch)));
}

/** One colour per class, verbal ones cool, non-verbal ones warm. */
export const LABEL_COLORS: Record<EventClass, string> = {
  speech_male: '#4f8fd8',
  speech_female: '#b06ad8',
  crowd: '#3fb2a2',
  singing: '#6cc46a',
  shouting: '#e0604f',
  crying: '#e09a3f',
  breathing: '#b0a060',
  laughter: '#e0c040',
};
