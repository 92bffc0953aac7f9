/** The report's tables as CSV (RFC 4180 quoting), for spreadsheets and statistics tools. */
import { EVENT_CLASSES } from '../../contract/domain.js';
import { cellKey } from '../training/grid.js';
import type { ValenceReport } from './report-data.js';

const cell = (v: unknown): string => {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = typeof v === 'number' ? String(+v.toFixed(6)) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const lines = (rows: unknown[][]) => rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';

/** Table II, long form: one line per fold and one 'mean' line per cell. */
export function tableTwoCsv(report: ValenceReport): string {
  const recall = Array.from({ length: 7 }, (_, c) => `recall_${c + 1}`);
  const rows: unknown[][] = [['model', 'events', 'fold', 'movie', 'acc', 'acc1', ...recall, 'epochs', 'skipped']];
  for (const c of report.cells) {
    for (const f of c.folds) rows.push([c.model, c.events, 'fold', f.movie, f.acc, f.acc1, ...f.recall, f.epochs, '']);
    rows.push([c.model, c.events, 'mean', '', c.acc, c.acc1, ...c.recall, '', c.skipped ?? '']);
  }
  return lines(rows);
}

export function tableOneCsv(report: ValenceReport): string {
  return lines([
    ['label', 'group', 'duration_s', 'instances', 'mean_valence', 'cooccurrence_pct'],
    ...report.tableOne.map((r) => [r.label, r.group, r.durationSeconds, r.instances, r.meanValence, r.cooccurrencePct]),
  ]);
}

export function figTwoCsv(report: ValenceReport): string {
  const keys = report.cells.filter((c) => c.folds.length > 0).map((c) => cellKey(c.model, c.events));
  return lines([['label', 'cooccurrence_pct', ...keys], ...EVENT_CLASSES.map((l) => {
    const row = report.figTwo.find((r) => r.label === l)!;
    return [l, row.cooccurrencePct, ...keys.map((k) => row.correct[k])];
  })]);
}
