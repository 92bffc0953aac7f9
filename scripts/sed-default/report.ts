/** The tables `train:sed-default` prints (and the README and docs/sed.md quote). */
import type { SedMetrics } from '../../src-main/sed/metrics/sed-eval-math.js';

export interface SedReport {
  models: Array<{ group: string; version: string; quiet: SedMetrics; bed: SedMetrics }>;
  falseAlarms: Record<string, { minutes: number; secondsPerMinute: number; files: number }>;
  sexConfusion?: Record<string, Record<string, { male: number; female: number; neither: number; seconds: number }>>;
  sets: Record<string, { examples: number; minutes: number }>;
}

const f = (x: number) => x.toFixed(3);

export function printReport(r: SedReport): void {
  console.log('\n| class | F1 quiet (P / R) | F1 over beds (P / R) |\n|---|---|---|');
  for (const m of r.models) {
    for (const label of Object.keys(m.quiet.classWise)) {
      const q = m.quiet.classWise[label];
      const b = m.bed.classWise[label];
      console.log(`| ${label} | ${f(q.fMeasure)} (${f(q.precision)} / ${f(q.recall)}) | ${f(b.fMeasure)} (${f(b.precision)} / ${f(b.recall)}) |`);
    }
    console.log(`| **${m.group} macro** (${m.version}) | **${f(m.quiet.classWiseAverage.fMeasure)}** | **${f(m.bed.classWiseAverage.fMeasure)}** |`);
  }
  console.log('\n| bed category (held-out packages) | minutes | files | detected human-event s/min |\n|---|---|---|---|');
  for (const [c, v] of Object.entries(r.falseAlarms)) console.log(`| ${c} | ${v.minutes.toFixed(1)} | ${v.files} | ${v.secondsPerMinute.toFixed(2)} |`);
  if (r.sexConfusion) {
    console.log('\n| speech alone (no overlap) | detected male | detected female | neither | seconds |\n|---|---|---|---|---|');
    for (const [bed, rows] of Object.entries(r.sexConfusion)) {
      for (const [label, c] of Object.entries(rows)) console.log(`| ${label}, ${bed} | ${f(c.male)} | ${f(c.female)} | ${f(c.neither)} | ${c.seconds.toFixed(0)} |`);
    }
  }
  console.log('\nsets: ' + Object.entries(r.sets).map(([n, s]) => `${n} ${s.examples} (${s.minutes.toFixed(0)} min)`).join(', '));
}
