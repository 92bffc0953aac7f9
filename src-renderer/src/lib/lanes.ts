/** Vertical layout of the event lanes: two labelled groups of four classes each. */
import { EVENT_CLASSES, groupOf, type EventClass, type EventGroup } from '../../../src-main/contract/domain.js';

export const LANE_HEIGHT = 22;
export const GROUP_HEADER_HEIGHT = 16;

export interface Lane {
  label: EventClass;
  group: EventGroup;
  index: number;
  y: number;
  height: number;
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
    lanes.push({ label, group: g, index, y, height: laneHeight });
    y += laneHeight;
  });
  return { lanes, headers, height: y };
}

/** The lane under a y coordinate, or null over a group header or outside. */
export function laneAt(layout: LaneLayout, y: number): Lane | null {
  return layout.lanes.find((l) => y >= l.y && y < l.y + l.height) ?? null;
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
