/** Everything a valence evaluation report shows, in one JSON-ready object. */
import type { FigTwoRow } from '../stats/fig-two.js';
import type { Comparison } from '../stats/significance.js';
import type { TableOneRow } from '../stats/table-one.js';
import type { CellResult } from '../training/grid.js';

export interface ReportSettings {
  models: string[];
  events: string[];
  av: string[];
  semantics: string;
  /** Whose ratings were the per-film label ("mean of all raters", "rater Ada", …); absent in older reports. */
  labels?: string;
  stride: number;
  testStride: number;
  training: Record<string, unknown>;
  model: Record<string, unknown>;
}

export interface ValenceReport {
  createdAt: string;
  settings: ReportSettings;
  movies: { id: number; title: string; frames: number }[];
  /** One object per Table II cell: model, events, acc, acc1 (means over folds), folds. */
  cells: CellResult[];
  tableOne: TableOneRow[];
  figTwo: FigTwoRow[];
  significance: Comparison[];
}

export const EVENT_TITLES: Record<string, string> = { none: 'w/o event', verbal: 'Verbal', nonverbal: 'Non-verbal', all: 'All' };

/** NaN and ±Infinity have no JSON form; they become null, the way JSON.stringify writes NaN. */
export function reportJson(report: ValenceReport | ValenceReport['cells']): string {
  return JSON.stringify(report, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
