/** A model comparison (models.compare) as the terminal shows it: both versions' figures side by side. */
import type { ModelComparison } from '../contract/compare.js';

const f3 = (v: number) => v.toFixed(3);
const diff = (a: number, b: number) => `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(3)}`;
const row = (what: string, a: number, b: number, extra = '') => `${what.padEnd(22)}${f3(a).padStart(8)}${f3(b).padStart(8)}${diff(a, b).padStart(9)}${extra}`;

export function formatComparison(c: ModelComparison): string {
  const head = [`A ${c.a.name}${c.a.active ? ' (active)' : ''}`, `B ${c.b.name}${c.b.active ? ' (active)' : ''}`, `${''.padEnd(22)}${'A'.padStart(8)}${'B'.padStart(8)}${'B − A'.padStart(9)}`];
  if (c.role === 'valence') {
    return [
      ...head,
      row(`Acc (${c.overall.frames} frames)`, c.overall.a.acc, c.overall.b.acc),
      row('Acc±1', c.overall.a.acc1, c.overall.b.acc1),
      ...c.films.map((film) => row(`  ${film.title}`.slice(0, 22), film.a.acc, film.b.acc, `  (${film.frames} frames)`)),
      ...c.skipped.map((film) => `  ${film.title}: not scored, ${film.reason}`),
      `labels: ${c.labels}`,
    ].join('\n');
  }
  return [
    ...head,
    row('macro segment F1', c.overall.a, c.overall.b),
    ...c.classes.map((k) => row(`  ${k.label}`, k.a, k.b, `  (${k.reference} s of reference)`)),
    ...c.films.map((film) => row(`  ${film.title}`.slice(0, 22), film.a, film.b, `  (${film.windows} windows)`)),
    `material: ${c.material.note}`,
  ].join('\n');
}
