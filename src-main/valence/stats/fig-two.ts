/**
 * Fig. 2 of the paper: correctly predicted extreme-valence frames (classes 1, 2, 6, 7) inside
 * each event class, summed over folds, per grid cell, beside the class's co-occurrence rate.
 */
import { EVENT_CLASSES, type EventClass } from '../../contract/domain.js';
import { cellKey, type CellResult } from '../training/grid.js';
import type { TableOneRow } from './table-one.js';

export interface FigTwoRow {
  label: EventClass;
  cooccurrencePct: number | null;
  /** cellKey(model, events) → frames. */
  correct: Record<string, number>;
}

export function figTwo(cells: CellResult[], table: TableOneRow[]): FigTwoRow[] {
  return EVENT_CLASSES.map((label) => ({
    label,
    cooccurrencePct: table.find((r) => r.label === label)?.cooccurrencePct ?? null,
    correct: Object.fromEntries(
      cells.filter((c) => c.folds.length > 0).map((c) => [cellKey(c.model, c.events), c.folds.reduce((s, f) => s + f.extremeCorrect[label], 0)]),
    ),
  }));
}
