/**
 * Writes a report's files into a folder: report.json (the Table II cells, one object each),
 * report.csv (Table II), report.html, table1.csv, fig2.csv, and report-full.json (everything, with
 * settings, Table I, Fig. 2 and the t-tests).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { figTwoCsv, tableOneCsv, tableTwoCsv } from './report-csv.js';
import { reportJson, type ValenceReport } from './report-data.js';
import { reportHtml } from './report-html.js';

export function writeReport(dir: string, report: ValenceReport): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['report.json', reportJson(report.cells)],
    ['report.csv', tableTwoCsv(report)],
    ['report.html', reportHtml(report)],
    ['table1.csv', tableOneCsv(report)],
    ['fig2.csv', figTwoCsv(report)],
    ['report-full.json', reportJson(report)],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
